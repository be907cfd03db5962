import CoreMetrics

/// The worker's distributions, recorded through swift-metrics: unlike the counters in
/// `WorkerMetrics`, a histogram cannot be re-created from a copied total, so the engine
/// records each observation as it happens. The process's factory (Prometheus, see
/// `MetricsBootstrap`) renders the timer in seconds with the propagation buckets.
struct WorkerHistograms: Sendable {
    /// VM change observed by the coordinator → write acknowledged by the API server.
    let propagationLatency: Timer
    /// Services made ready to sync together (by one input, or released by the pacer at once).
    let batchSize: Recorder

    init(worker: String, factory: any MetricsFactory) {
        let dimensions = [("worker", worker)]
        propagationLatency = Timer(
            label: "vmsvc_propagation_latency_seconds", dimensions: dimensions, factory: factory)
        batchSize = Recorder(label: "vmsvc_batch_size", dimensions: dimensions, aggregate: true, factory: factory)
    }
}
