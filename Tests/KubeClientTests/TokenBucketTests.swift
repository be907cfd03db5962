import Synchronization
import Testing

@testable import KubeClient

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let now = Mutex<Duration>(.zero)
    func advance(_ by: Duration) { now.withLock { $0 += by } }
    var read: @Sendable () -> Duration { { self.now.withLock { $0 } } }
}

@Suite struct TokenBucketTests {
    @Test func aFullBucketLetsABurstThroughWithoutWaiting() {
        let clock = ManualClock()
        let bucket = TokenBucket(qps: 10, burst: 3, clock: clock.read)
        #expect((0..<3).map { _ in bucket.reserve() } == [.zero, .zero, .zero])
    }

    @Test func pastTheBurstEachCallerWaitsItsTurn() {
        let clock = ManualClock()
        let bucket = TokenBucket(qps: 10, burst: 2, clock: clock.read)
        _ = bucket.reserve()
        _ = bucket.reserve()
        #expect(bucket.reserve() == .milliseconds(100))
        #expect(bucket.reserve() == .milliseconds(200))
    }

    @Test func tokensRefillAtQPSUpToTheBurst() {
        let clock = ManualClock()
        let bucket = TokenBucket(qps: 4, burst: 2, clock: clock.read)
        _ = bucket.reserve()
        _ = bucket.reserve()
        clock.advance(.milliseconds(250))  // one token back
        #expect(bucket.reserve() == .zero)
        #expect(bucket.reserve() == .milliseconds(250))
        clock.advance(.seconds(60))  // long idle: capped at burst, not 240 tokens
        #expect(bucket.reserve() == .zero)
        #expect(bucket.reserve() == .zero)
        #expect(bucket.reserve() > .zero)
    }

    @Test func zeroQPSMeansNoLimit() {
        let bucket = TokenBucket(qps: 0, burst: 1, clock: ManualClock().read)
        #expect((0..<100).allSatisfy { _ in bucket.reserve() == .zero })
    }
}
