import CoreMetrics
import Prometheus

/// Routes every swift-metrics `Counter`, `Gauge`, `Timer` and `Recorder` of the process
/// into one Prometheus registry, the one `/metrics` renders. The coordinator and worker
/// libraries record through swift-metrics only; which backend exports them is decided here.
public enum MetricsBootstrap {
    /// Latency buckets for the propagation histogram (VM change → write acknowledged): from
    /// one batch window (50 ms) up to a minute, where anything slower is an incident.
    public static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        .seconds(30), .seconds(60),
    ]

    /// A factory writing into `registry`, timers bucketed by `latencyBuckets`.
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = latencyBuckets
        return factory
    }

    /// swift-metrics allows this once per process; only the executable calls it.
    public static func bootstrap(registry: PrometheusCollectorRegistry) {
        MetricsSystem.bootstrap(factory(registry: registry))
    }
}
