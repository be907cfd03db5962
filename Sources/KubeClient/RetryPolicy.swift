/// Which failed calls are tried again, and after how long.
///
/// Retried: 429 (after `Retry-After` when the server gives one), 5xx other than 501, and
/// transport failures — but a transport failure after the request may have reached the
/// server is retried only for idempotent verbs, so a create is never sent twice blindly.
/// Never retried: 4xx answers about the request itself (NotFound, Conflict, Invalid, …);
/// repeating them cannot change the answer.
public struct RetryPolicy: Sendable, Hashable {
    /// Total tries, the first included. 1 disables retries.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// Each backoff is stretched by up to this fraction, at random, so that many clients
    /// failing together do not retry together.
    public var jitter: Double
    /// A server-sent `Retry-After` is honoured up to this bound.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(30),
        jitter: Double = 0.5, maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.jitter = max(0, jitter)
        self.maxRetryAfter = maxRetryAfter
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// How long to wait before try number `attempt + 1`, or nil to give up.
    /// - Parameters:
    ///   - attempt: tries made so far (1 after the first failure).
    ///   - random: a number in 0..<1 for the jitter; injectable for tests.
    public func delay(
        after error: any Error, attempt: Int, idempotent: Bool, random: Double = Double.random(in: 0..<1)
    ) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        switch Self.verdict(on: error, idempotent: idempotent) {
        case .giveUp: return nil
        case .retry(let serverSaid?): return min(serverSaid, maxRetryAfter)
        case .retry(nil): return backoff(attempt: attempt, random: random)
        }
    }

    /// Exponential backoff for try `attempt + 1`: initial × 2^(attempt-1), jittered, capped.
    public func backoff(attempt: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let base = min(initialBackoff * (1 << exponent), maxBackoff)
        return min(base * (1 + jitter * random), maxBackoff)
    }

    enum Verdict: Equatable {
        case giveUp
        /// Retry, after the server's `Retry-After` when it sent one.
        case retry(after: Duration?)
    }

    static func verdict(on error: any Error, idempotent: Bool) -> Verdict {
        switch error {
        case KubeAPIError.tooManyRequests(_, let retryAfter):
            return .retry(after: retryAfter)
        case KubeAPIError.server(let status, let retryAfter):
            return status.code == 501 ? .giveUp : .retry(after: retryAfter)
        case KubeAPIError.transport(_, _, let beforeRequestSent):
            return beforeRequestSent || idempotent ? .retry(after: nil) : .giveUp
        default:
            return .giveUp
        }
    }
}
