import KubeModel
import VMServiceCore

/// One change to a namespace that its owning worker must hear about, in watch order.
/// Deletes carry the identity of what was deleted (and a VM's last labels, so the worker
/// can find the services that selected it).
public enum ClusterChange: Sendable, Hashable {
    case vmUpserted(VMProjection)
    case vmDeleted(name: String, uid: String, lastLabels: [String: String])
    case vmServiceUpserted(VirtualMachineService)
    case vmServiceDeleted(name: String, uid: String)
    case serviceUpserted(Service)
    case serviceDeleted(name: String, uid: String)
    case endpointsUpserted(Endpoints)
    case endpointsDeleted(name: String, uid: String)
    case endpointSliceUpserted(EndpointSlice)
    case endpointSliceDeleted(name: String, uid: String)
}

/// A change together with the namespace (and so the shard) it belongs to.
public struct NamespacedChange: Sendable, Hashable {
    public var namespace: String
    public var change: ClusterChange

    public init(namespace: String, change: ClusterChange) {
        self.namespace = namespace
        self.change = change
    }
}
