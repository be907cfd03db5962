import Synchronization

/// Caps the requests one process has in flight, so that a burst of work (a resync writing
/// thousands of objects) queues here, in order, instead of on the API server. Watches do not
/// count: they are long-lived by design.
public final class InFlightLimiter: Sendable {
    public let limit: Int
    private let state: Mutex<State>

    private struct State {
        var inFlight = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
    }

    /// - Parameter limit: 0 means no cap.
    public init(limit: Int) {
        self.limit = max(0, limit)
        self.state = Mutex(State())
    }

    /// Runs `body` once a slot is free.
    public func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard limit > 0 else { return try await body() }
        try await acquire()
        defer { release() }
        return try await body()
    }

    public var inFlight: Int { state.withLock { $0.inFlight } }

    private func acquire() async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome { case granted, cancelled, queued }
                let outcome = state.withLock { state -> Outcome in
                    if Task.isCancelled { return .cancelled }
                    if state.inFlight < limit && state.waiters.isEmpty {
                        state.inFlight += 1
                        return .granted
                    }
                    state.waiters.append((id, continuation))
                    return .queued
                }
                switch outcome {
                case .granted: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state in
                state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0).continuation }
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    private func release() {
        let next = state.withLock { state in
            if state.waiters.isEmpty {
                state.inFlight -= 1
                return CheckedContinuation<Void, any Error>?.none
            }
            // The slot passes straight to the oldest waiter; inFlight stays the same.
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}
