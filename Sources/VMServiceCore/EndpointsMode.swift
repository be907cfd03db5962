/// Which endpoint objects the controller writes for a VirtualMachineService (`--endpoints-mode`).
///
/// Kubernetes deprecated core/v1 Endpoints in 1.33, and the mirroring controller that turns a
/// selectorless Service's Endpoints into EndpointSlices stops at 1,000 addresses, so the
/// controller can write EndpointSlices itself. `both` is the default while older tooling still
/// reads Endpoints: it costs the Endpoints writes on top of the slice writes, and the Endpoints
/// carry `endpointslice.kubernetes.io/skip-mirror: "true"` so the mirroring controller does not
/// publish the same addresses a second time. In each single mode, the objects of the other kind
/// this VirtualMachineService controls are deleted: left behind they would go stale.
public enum EndpointsMode: String, Sendable, Hashable, CaseIterable {
    /// Endpoints only (the reference's behaviour); Kubernetes mirrors them into slices.
    case endpoints
    /// EndpointSlices only; no Endpoints object is written.
    case endpointslices
    /// Both, the Endpoints marked not to be mirrored.
    case both

    public var writesEndpoints: Bool { self != .endpointslices }
    public var writesEndpointSlices: Bool { self != .endpoints }
}
