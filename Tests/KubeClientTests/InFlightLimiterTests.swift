import Synchronization
import Testing

@testable import KubeClient

/// Counts how many bodies run at once, and the most ever seen.
final class ConcurrencyGauge: Sendable {
    private let counts = Mutex<(current: Int, peak: Int)>((0, 0))
    func enter() { counts.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) } }
    func leave() { counts.withLock { $0.current -= 1 } }
    var peak: Int { counts.withLock { $0.peak } }
}

@Suite struct InFlightLimiterTests {
    @Test func neverRunsMoreThanTheLimitAtOnce() async throws {
        let limiter = InFlightLimiter(limit: 3)
        let gauge = ConcurrencyGauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await limiter.run {
                        gauge.enter()
                        await Task.yield()
                        gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(gauge.peak <= 3)
        #expect(limiter.inFlight == 0)
    }

    @Test func aCancelledWaiterLeavesTheQueue() async throws {
        let limiter = InFlightLimiter(limit: 1)
        let (holding, holdingContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await limiter.run {
                holdingContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in holding { break }
        let waiter = Task { try await limiter.run { 1 } }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        releaseContinuation.yield()
        try await holder.value
        #expect(try await limiter.run { 2 } == 2)
        #expect(limiter.inFlight == 0)
    }
}
