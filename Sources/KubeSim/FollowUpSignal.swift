import Synchronization

/// A flag a commit raises, under the state's lock, when it leaves work for the garbage
/// collector or the load-balancer emulator; the request path lowers it before looking for
/// that work. A commit after the lowering raises it again for its own request to see, so no
/// work goes unscheduled.
final class FollowUpSignal: Sendable {
    private let raised = Atomic(false)

    func raise() { raised.store(true, ordering: .releasing) }

    /// Whether it was raised; it is lowered either way.
    func lower() -> Bool { raised.exchange(false, ordering: .acquiringAndReleasing) }
}
