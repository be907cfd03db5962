import KubeClient
import KubeModel
import VMServiceCore

/// Everything `verify` compares, read from the API in five lists.
///
/// The lists are read one after the other, not at one resource version, so under churn a
/// report can show a difference that is only in flight; callers that wait for convergence
/// poll `verify` until it reports none.
public struct ClusterState: Sendable {
    public var vmServices: [VirtualMachineService]
    public var vms: [VMProjection]
    public var services: [Service]
    public var endpoints: [Endpoints]
    /// The EndpointSlices managed by this controller.
    public var endpointSlices: [EndpointSlice]

    public init(
        vmServices: [VirtualMachineService], vms: [VMProjection], services: [Service], endpoints: [Endpoints],
        endpointSlices: [EndpointSlice] = []
    ) {
        self.vmServices = vmServices
        self.vms = vms
        self.services = services
        self.endpoints = endpoints
        self.endpointSlices = endpointSlices
    }

    /// Lists all five kinds across all namespaces (only our slices); VirtualMachineServices in `version`.
    public static func read(from client: KubeClient, version: VirtualMachineService.APIVersion) async throws
        -> ClusterState
    {
        async let vmServices = client.listAll(
            VirtualMachineService.resource(version: version), as: VirtualMachineService.self)
        async let vms = client.listAll(VirtualMachine.self)
        async let services = client.listAll(Service.self)
        async let endpoints = client.listAll(Endpoints.self)
        async let slices = client.listAll(
            EndpointSlice.self, options: ListOptions(labelSelector: EndpointSliceConstants.managedBySelector, limit: 500))
        return ClusterState(
            vmServices: try await vmServices.items, vms: try await vms.items.map(VMProjection.init),
            services: try await services.items, endpoints: try await endpoints.items,
            endpointSlices: try await slices.items)
    }

    /// What a worker would pass to the reconciler for each VirtualMachineService, in
    /// namespace/name order: its same-name Service and Endpoints, the slices labelled with its
    /// name, and the VMs of its namespace.
    public func reconcileInputs(now: Time) -> [ReconcileInput] {
        let services = Dictionary(self.services.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let endpoints = Dictionary(self.endpoints.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let vms = Dictionary(grouping: self.vms, by: \.namespace)
        let slices = Dictionary(grouping: endpointSlices) { slice in
            "\(slice.metadata.namespace ?? "")/\(slice.metadata.labels?[EndpointSlice.serviceNameLabel] ?? "")"
        }
        return vmServices.sorted { $0.key < $1.key }.map { vmService in
            ReconcileInput(
                vmService: vmService, storedService: services[vmService.key],
                storedEndpoints: endpoints[vmService.key], vms: vms[vmService.namespace] ?? [], now: now,
                storedEndpointSlices: (slices["\(vmService.namespace)/\(vmService.name)"] ?? []).sorted { $0.name < $1.name })
        }
    }
}
