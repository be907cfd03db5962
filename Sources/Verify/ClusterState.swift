import KubeClient
import KubeModel
import VMServiceCore

/// Everything `verify` compares, read from the API in four lists.
///
/// The lists are read one after the other, not at one resource version, so under churn a
/// report can show a difference that is only in flight; callers that wait for convergence
/// poll `verify` until it reports none.
public struct ClusterState: Sendable {
    public var vmServices: [VirtualMachineService]
    public var vms: [VMProjection]
    public var services: [Service]
    public var endpoints: [Endpoints]

    public init(
        vmServices: [VirtualMachineService], vms: [VMProjection], services: [Service], endpoints: [Endpoints]
    ) {
        self.vmServices = vmServices
        self.vms = vms
        self.services = services
        self.endpoints = endpoints
    }

    /// Lists all four kinds across all namespaces; VirtualMachineServices in `version`.
    public static func read(from client: KubeClient, version: VirtualMachineService.APIVersion) async throws
        -> ClusterState
    {
        async let vmServices = client.listAll(
            VirtualMachineService.resource(version: version), as: VirtualMachineService.self)
        async let vms = client.listAll(VirtualMachine.self)
        async let services = client.listAll(Service.self)
        async let endpoints = client.listAll(Endpoints.self)
        return ClusterState(
            vmServices: try await vmServices.items, vms: try await vms.items.map(VMProjection.init),
            services: try await services.items, endpoints: try await endpoints.items)
    }
}
