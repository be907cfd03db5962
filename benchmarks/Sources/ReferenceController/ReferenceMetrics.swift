import Synchronization

/// What the reference controller counts, for `/metrics` and for the benchmark report.
/// The engine counts into plain values; the command publishes copies.
public final class ReferenceMetrics: Sendable {
    public struct Snapshot: Sendable {
        public var reconciles = 0
        public var failedReconciles = 0
        /// API writes by kind ("patch Endpoints", …) and whether they succeeded.
        public var writes: [WriteKey: Int] = [:]
        /// Watch events received, by kind.
        public var watchEvents: [String: Int] = [:]
        /// Keys handed to the work queue (before its de-duplication).
        public var enqueued = 0
        public var eventsCreated = 0
    }

    public struct WriteKey: Hashable, Sendable {
        public var kind: String
        public var succeeded: Bool
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func countReconcile(failed: Bool) {
        state.withLock {
            $0.reconciles += 1
            if failed { $0.failedReconciles += 1 }
        }
    }

    func countWrite(_ kind: String, succeeded: Bool) {
        state.withLock { $0.writes[WriteKey(kind: kind, succeeded: succeeded), default: 0] += 1 }
    }

    func countWatchEvent(_ kind: String, enqueued: Int) {
        state.withLock {
            $0.watchEvents[kind, default: 0] += 1
            $0.enqueued += enqueued
        }
    }

    func countEventCreated() {
        state.withLock { $0.eventsCreated += 1 }
    }
}
