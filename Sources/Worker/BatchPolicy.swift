/// How a worker batches the changes of a service (`--batch-mode`; see `PassPacer`).
public enum BatchPolicy: String, Sendable, CaseIterable {
    /// Every change waits for its service's batch window, and all changes inside one window
    /// cost one pass: fewest writes, at the price of one period of latency.
    case window
    /// An idle service is passed at once (bursts of two); beyond that, one pass per period:
    /// the latency of no batching for most changes, the same writes under sustained churn.
    case pace
}
