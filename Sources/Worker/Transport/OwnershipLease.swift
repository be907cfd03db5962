/// Whether the worker may still act on what the coordinator assigned it.
///
/// The coordinator moves a worker's namespaces once it has not heard from it for the
/// liveness window. A worker that was paused (SIGSTOP, a long GC-like stall, a frozen VM)
/// cannot know that happened until its transport thread runs again, but its batch timers
/// may fire first and flush writes for namespaces someone else now owns. So writes are
/// allowed only while the coordinator was heard recently (`validity`, shorter than the
/// coordinator's liveness window) and while no namespace released by the transport is still
/// waiting for the engine to drop it: a frame of a new connection must not re-open writes
/// to shards the engine has not revoked yet.
struct OwnershipLease: Sendable {
    let validity: Duration
    private var heardAt: ContinuousClock.Instant?
    /// `namespace@epoch` of released namespaces the engine has not handled yet.
    private var unhandledReleases: Set<String> = []

    init(validity: Duration) {
        self.validity = validity
    }

    mutating func heard(at instant: ContinuousClock.Instant) { heardAt = instant }

    /// The transport gave the namespaces up on its own (the coordinator went silent).
    mutating func released(_ inputs: [WorkerInput]) {
        heardAt = nil
        for case .revoke(let namespace, let epoch) in inputs { unhandledReleases.insert("\(namespace)@\(epoch)") }
    }

    /// The engine has handled the revoke of `namespace` at `epoch`.
    mutating func revokeHandled(_ namespace: String, epoch: UInt64) {
        unhandledReleases.remove("\(namespace)@\(epoch)")
    }

    func isConfirmed(now: ContinuousClock.Instant) -> Bool {
        guard unhandledReleases.isEmpty, let heardAt else { return false }
        return now - heardAt < validity
    }
}
