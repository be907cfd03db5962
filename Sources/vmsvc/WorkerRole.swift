import Logging
import Observability
import Worker

/// One worker of a process: the engine fed by its shard client until drained.
final class WorkerRole: OperatorRole {
    let name: String
    private let engine: Worker<ContinuousClock>
    let transport: ShardClient
    private let readinessCheck: String

    init(engine: Worker<ContinuousClock>, transport: ShardClient, readinessCheck: String) {
        self.name = "worker \(transport.config.workerID)"
        self.engine = engine
        self.transport = transport
        self.readinessCheck = readinessCheck
    }

    func run() async throws {
        await transport.run(driving: engine)
    }

    /// The engine first (it ignores new inputs, syncs everything pending now and waits for
    /// writes in flight), then the transport, which ends `run`.
    func drain() async {
        await engine.drain()
        transport.shutdown()
    }

    /// Ready = assigned and synced: it owns a namespace and holds a snapshot of each.
    func publish(to metrics: SnapshotPublisher, health: HealthState) async {
        let counters = await engine.metrics
        let gauges = await engine.gauges
        WorkerMetricsExport.publish(
            counters, gauges: gauges, transport: transport.counters, worker: transport.config.workerID, to: metrics)
        health.set(readinessCheck, gauges.namespaces > 0 && gauges.namespacesAwaitingSnapshot == 0)
    }
}
