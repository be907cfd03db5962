import Synchronization

/// Client-side rate limiting, as client-go's `--kube-api-qps`/`--kube-api-burst`: up to
/// `burst` requests at once, refilled at `qps` per second. Reservations may drive the bucket
/// negative, so waiters are served in the order they asked, each told how long to wait.
/// `qps == 0` turns limiting off.
public final class TokenBucket: Sendable {
    public let qps: Double
    public let burst: Int
    private let clock: @Sendable () -> Duration
    private let state: Mutex<State>

    private struct State {
        var tokens: Double
        var last: Duration
    }

    /// - Parameter clock: monotonic time since an arbitrary origin; injectable for tests.
    public init(qps: Double, burst: Int, clock: @escaping @Sendable () -> Duration = TokenBucket.monotonicNow) {
        self.qps = max(0, qps)
        self.burst = max(1, burst)
        self.clock = clock
        self.state = Mutex(State(tokens: Double(max(1, burst)), last: clock()))
    }

    /// Time since the first use of the bucket type, from the monotonic clock.
    public static let monotonicNow: @Sendable () -> Duration = { origin.duration(to: .now) }
    private static let origin = ContinuousClock.now

    /// Takes one token and returns how long the caller must wait before using it (zero when
    /// one was available).
    public func reserve() -> Duration {
        guard qps > 0 else { return .zero }
        let now = clock()
        return state.withLock { state in
            let elapsed = now - state.last
            state.last = now
            state.tokens = min(Double(burst), state.tokens + seconds(elapsed) * qps)
            state.tokens -= 1
            return state.tokens >= 0 ? .zero : .seconds(-state.tokens / qps)
        }
    }

    /// Waits for a token.
    public func acquire() async throws {
        let wait = reserve()
        if wait > .zero { try await Task.sleep(for: wait) }
    }

    private func seconds(_ d: Duration) -> Double {
        let (s, attoseconds) = d.components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
