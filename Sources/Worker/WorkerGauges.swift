/// How much work a worker holds right now, for /metrics next to the `WorkerMetrics`
/// counters: a worker that owns namespaces it cannot write (no snapshot yet) or whose
/// services sit in backoff shows it here.
public struct WorkerGauges: Sendable, Hashable {
    public var namespaces = 0
    /// Owned namespaces without a usable snapshot (new, or after a sequence gap).
    public var namespacesAwaitingSnapshot = 0
    /// Dirty services the pacer holds back (`--batch-period`).
    public var servicesHeld = 0
    /// Services waiting for a sync slot (`--max-inflight`).
    public var servicesWaiting = 0
    public var servicesSyncing = 0
    public var servicesInBackoff = 0

    public init() {}
}
