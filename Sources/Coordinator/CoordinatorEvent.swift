/// What the coordinator did, as a stream for observers (tests await these instead of
/// sleeping; an operator's debug log could print them). The stream keeps only the newest
/// events when nobody reads it.
public enum CoordinatorEvent: Sendable, Hashable {
    case listening(endpoint: String)
    case workerJoined(String)
    case workerDead(String)
    case assigned(namespace: String, worker: String, epoch: UInt64)
    case snapshotSent(namespace: String, worker: String, epoch: UInt64, chunks: Int)
    case revoking(namespace: String, worker: String, epoch: UInt64)
    case revoked(namespace: String, worker: String, epoch: UInt64)
    case resyncRequested(namespace: String, worker: String, epoch: UInt64)
    /// Reading the watches paused: the owner of `namespace` has too much unsent work.
    case backPressure(namespace: String, worker: String)
    case frameRejected(worker: String, reason: String)
    /// A peer failed shard authentication; `address` is its IP.
    case peerRefused(address: String, reason: String)
    case staleFrame(worker: String, kind: String)
}
