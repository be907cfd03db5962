import KubeModel

/// What a controller instance is configured with, as opposed to what it reads.
public struct ReconcileOptions: Sendable, Hashable {
    /// The VirtualMachineService API version the controller reads and writes (spec §16.1).
    public var version: VirtualMachineService.APIVersion
    /// `apiVersion` written into Endpoints target references: the VM version the controller reads.
    public var virtualMachineAPIVersion: String
    /// `--endpoints-mode`: Endpoints, EndpointSlices or both. The core defaults to the
    /// reference's Endpoints only; the command line defaults to `both`.
    public var endpointsMode: EndpointsMode
    /// `--max-endpoints-per-slice`, clamped to the API server's 1...1000.
    public var maxEndpointsPerSlice: Int

    public init(
        version: VirtualMachineService.APIVersion = VirtualMachineService.defaultVersion,
        virtualMachineAPIVersion: String = VirtualMachine.resource.apiVersion,
        endpointsMode: EndpointsMode = .endpoints,
        maxEndpointsPerSlice: Int = EndpointSliceConstants.defaultMaxEndpointsPerSlice
    ) {
        self.version = version
        self.virtualMachineAPIVersion = virtualMachineAPIVersion
        self.endpointsMode = endpointsMode
        self.maxEndpointsPerSlice = min(max(maxEndpointsPerSlice, 1), EndpointSliceConstants.maxEndpointsPerSliceLimit)
    }

    /// The reference's WorkloadIPv6 capability: on exactly when the version has the IP-family
    /// fields (spec §16.1), so v1alpha3 never writes IP-family fields to the Service.
    public var workloadIPv6: Bool { version.hasIPFamiliesAndConditions }
}
