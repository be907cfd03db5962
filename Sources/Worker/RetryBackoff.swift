/// Per-service exponential backoff after a failed pass, as controller-runtime's default
/// per-item limiter: `base · 2^(failures-1)`, capped (5 ms … 1000 s), plus up to `jitter`
/// of it so that services failing together do not retry in lockstep. A success forgets the
/// service's failures.
struct RetryBackoff: Sendable {
    var base: Duration = .milliseconds(5)
    var cap: Duration = .seconds(1000)
    /// Fraction of the delay added at random (0.1 adds up to 10 %).
    var jitter: Double = 0.1
    private var failures: [ServiceKey: Int] = [:]

    init(base: Duration = .milliseconds(5), cap: Duration = .seconds(1000), jitter: Double = 0.1) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    func failureCount(of key: ServiceKey) -> Int { failures[key] ?? 0 }

    /// Records a failure and returns how long to wait before the retry.
    /// - Parameter random: a value in `0..<1` (injectable so tests see exact delays).
    mutating func delay(afterFailureOf key: ServiceKey, random: Double) -> Duration {
        let count = (failures[key] ?? 0) + 1
        failures[key] = count
        // 2^39 · 5 ms is far beyond the cap; stop doubling before Duration could overflow.
        let exponential = base * (1 << min(count - 1, 40))
        let capped = min(exponential, cap)
        return min(capped + capped * (jitter * random), cap)
    }

    mutating func forget(_ key: ServiceKey) { failures[key] = nil }

    mutating func forget(namespace: String) {
        failures = failures.filter { $0.key.namespace != namespace }
    }
}
