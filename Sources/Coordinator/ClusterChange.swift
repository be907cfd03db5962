import KubeModel
import VMServiceCore

/// One change to a namespace that its owning worker must hear about, in watch order.
/// Deletes carry the identity of what was deleted (and a VM's last labels, so the worker
/// can find the services that selected it; a Service's or Endpoints' last resourceVersion,
/// so a worker that has re-created the object since can tell the delete is of the old one).
public enum ClusterChange: Sendable, Hashable {
    case vmUpserted(VMProjection)
    case vmDeleted(name: String, uid: String, lastLabels: [String: String])
    case vmServiceUpserted(VirtualMachineService)
    case vmServiceDeleted(name: String, uid: String)
    case serviceUpserted(Service)
    case serviceDeleted(name: String, uid: String, resourceVersion: String?)
    case endpointsUpserted(Endpoints)
    case endpointsDeleted(name: String, uid: String, resourceVersion: String?)
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
