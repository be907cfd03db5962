import KubeModel
import VMServiceCore

/// What the transport hands a worker, already decoded. Ownership is explicit (DESIGN
/// principle 4): every message names the namespace and the epoch of the assignment it
/// belongs to, and deltas carry a per-namespace sequence so that a lost message is noticed.
public enum WorkerInput: Sendable {
    /// The worker now owns `namespace` at `epoch`; a snapshot follows.
    case assign(namespace: String, epoch: UInt64)
    /// The whole state of a namespace; replaces whatever the worker knew.
    case snapshot(NamespaceSnapshot)
    /// Changes since the previous message of this namespace; `sequence` is one more than it.
    /// `observedAt`: when the coordinator first saw one of its VM changes (nil: unknown), the
    /// start of the propagation latency that ends when the affected services are written.
    case delta(
        namespace: String, epoch: UInt64, sequence: UInt64, changes: [NamespaceChange], observedAt: MicroTime? = nil)
    /// The worker no longer owns `namespace` as of `epoch`: no further writes.
    case revoke(namespace: String, epoch: UInt64)
}

/// Everything a worker needs to compute a namespace's services, including the Services and
/// Endpoints as stored: spec §13 and §16.10 make the stored Endpoints an input of readiness.
public struct NamespaceSnapshot: Sendable {
    public var namespace: String
    public var epoch: UInt64
    /// The sequence number of the last delta folded into this snapshot.
    public var sequence: UInt64
    public var vms: [VMProjection]
    public var vmServices: [VirtualMachineService]
    public var services: [Service]
    public var endpoints: [Endpoints]

    public init(
        namespace: String, epoch: UInt64, sequence: UInt64, vms: [VMProjection] = [],
        vmServices: [VirtualMachineService] = [], services: [Service] = [], endpoints: [Endpoints] = []
    ) {
        self.namespace = namespace
        self.epoch = epoch
        self.sequence = sequence
        self.vms = vms
        self.vmServices = vmServices
        self.services = services
        self.endpoints = endpoints
    }
}

/// One object change inside a namespace. Deletes of Services and Endpoints carry the
/// resourceVersion of the deleted object so that a late delete of an object the worker has
/// since re-created is recognised as old.
public enum NamespaceChange: Sendable {
    case vmUpserted(VMProjection)
    case vmDeleted(name: String)
    case vmServiceUpserted(VirtualMachineService)
    case vmServiceDeleted(name: String)
    case serviceUpserted(Service)
    case serviceDeleted(name: String, resourceVersion: String?)
    case endpointsUpserted(Endpoints)
    case endpointsDeleted(name: String, resourceVersion: String?)
}

/// What a worker tells the transport.
public enum WorkerOutput: Sendable, Hashable {
    /// Everything of `namespace` up to `sequence` has been applied.
    case ack(namespace: String, epoch: UInt64, sequence: UInt64)
    /// A sequence gap: the worker stopped writing `namespace` and needs a fresh snapshot.
    case resyncNeeded(namespace: String, epoch: UInt64)
}
