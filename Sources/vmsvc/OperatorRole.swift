import Observability

/// One part of a running operator process: the coordinator, or one worker.
protocol OperatorRole: Sendable {
    /// For logs: `coordinator`, `worker w0`.
    var name: String { get }
    /// Runs until `drain()` has finished (returns) or the role fails (throws).
    func run() async throws
    /// Graceful stop: take no more work, flush pending batches, finish writes in flight,
    /// release what others wait for (the Lease). `run()` returns afterwards.
    func drain() async
    /// Copies the engine's counters to /metrics and its state to /readyz.
    func publish(to metrics: SnapshotPublisher, health: HealthState) async
}
