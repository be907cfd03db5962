import KubeModel

/// One step of a reconcile pass, for the worker to carry out. Patches are JSON merge patches
/// sent without a resourceVersion precondition, as the reference sends them.
public enum ReconcileAction: Sendable, Hashable {
    case createService(Service)
    /// `expected` is the Service the patch should produce.
    case patchService(patch: JSONValue, expected: Service)
    case createEndpoints(Endpoints)
    case patchEndpoints(patch: JSONValue, expected: Endpoints)
    /// Deletes carry the UID as a precondition: never delete an object that is not ours.
    case deleteEndpoints(namespace: String, name: String, uid: String)
    case deleteService(namespace: String, name: String, uid: String)
    /// A slice without a name: the API server names it from `generateName`.
    case createEndpointSlice(EndpointSlice)
    /// `expected` is the slice the patch should produce.
    case patchEndpointSlice(name: String, patch: JSONValue, expected: EndpointSlice)
    case deleteEndpointSlice(namespace: String, name: String, uid: String)
    /// A merge patch of the VirtualMachineService's labels, annotations and finalizers.
    case patchVirtualMachineService(patch: JSONValue)
    /// A merge patch through the `status` subresource.
    case patchVirtualMachineServiceStatus(patch: JSONValue, expected: VirtualMachineServiceStatus?)
    case event(ReconcileEvent)

    /// The Warning Event reason to record when this write fails (spec §16.8); nil for
    /// actions whose failure is only logged and retried.
    public var failureEventReason: String? {
        switch self {
        case .createService: EventReason.createServiceFailed
        case .patchService: EventReason.updateServiceFailed
        case .createEndpoints, .patchEndpoints, .createEndpointSlice, .patchEndpointSlice:
            EventReason.updateEndpointsFailed
        default: nil
        }
    }
}
