import KubeModel

/// What one reconcile pass reads: the VirtualMachineService and the worker's view of the
/// rest of its namespace. `now` stamps changed conditions; the core reads no clock.
public struct ReconcileInput: Sendable, Hashable {
    public var vmService: VirtualMachineService
    public var storedService: Service?
    public var storedEndpoints: Endpoints?
    /// The EndpointSlices labelled with the VirtualMachineService's name and managed by us.
    public var storedEndpointSlices: [EndpointSlice]
    /// The VMs the selector matches (others are ignored if passed).
    public var vms: [VMProjection]
    public var now: Time

    public init(
        vmService: VirtualMachineService, storedService: Service? = nil, storedEndpoints: Endpoints? = nil,
        vms: [VMProjection] = [], now: Time, storedEndpointSlices: [EndpointSlice] = []
    ) {
        self.vmService = vmService
        self.storedService = storedService
        self.storedEndpoints = storedEndpoints
        self.storedEndpointSlices = storedEndpointSlices
        self.vms = vms
        self.now = now
    }
}

/// One reconcile pass, in two phases because spec §3 step 7 computes the Endpoints (and step
/// 8 the status) from the Service *as the API server returned it*: its defaulted
/// `ipFamilies` and `ports` decide which addresses and ports are listed.
///
/// The worker runs it as:
/// 1. `serviceActions` in order, stopping at the first failed write (a success Event follows
///    its write, so it is recorded only when the write succeeded);
/// 2. if they all succeeded and `endpointsPhase` is set: `endpointsPhase.actions(service:)`
///    with the Service the API returned from the create or patch (nil when nothing was
///    written: the stored one is used), again in order, stopping at the first failure;
/// 3. `finalActions`, always, whatever happened before (spec §3 step 2: the finalizer and
///    provider metadata are persisted even when a Service write failed).
public struct ReconcilePlan: Sendable {
    public var serviceActions: [ReconcileAction]
    public var endpointsPhase: EndpointsPhase?
    public var finalActions: [ReconcileAction]
    /// Why the pass failed before any write (e.g. the load-balancer provider's error): the
    /// worker logs it and retries with backoff after running `finalActions`.
    public var failure: String?

    public init(
        serviceActions: [ReconcileAction] = [], endpointsPhase: EndpointsPhase? = nil,
        finalActions: [ReconcileAction] = [], failure: String? = nil
    ) {
        self.serviceActions = serviceActions
        self.endpointsPhase = endpointsPhase
        self.finalActions = finalActions
        self.failure = failure
    }
}
