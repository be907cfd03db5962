import Logging
import Observability
import Worker

/// One worker of a process: the engine fed by its shard client until drained.
final class WorkerRole: OperatorRole {
    let name: String
    private let engine: Worker<ContinuousClock>
    private let transport: ShardClient
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

    func publish(to metrics: SnapshotPublisher, health: HealthState) async {
        let counters = await engine.metrics
        WorkerMetricsExport.publish(counters, transport: transport.counters, worker: transport.config.workerID, to: metrics)
        health.set(readinessCheck, (counters.inputs["assign"] ?? 0) > 0)
    }
}
