/// How one pass over a service ended, which decides what the worker does next with it.
enum SyncOutcome: Sendable, Hashable {
    /// Every write succeeded (or none was needed): forget past failures.
    case synced
    /// A write or the load-balancer provider failed: retry with backoff.
    case failed(String)
    /// Nothing to do: the VirtualMachineService is gone, or the namespace is not (or no
    /// longer) ours to write; results of writes still in flight were discarded.
    case skipped
}
