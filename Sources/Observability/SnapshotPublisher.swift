import Prometheus
import Synchronization

/// Publishes counters that the engines keep as plain values (`WorkerMetrics`,
/// `CoordinatorCounters`, …) into the Prometheus registry.
///
/// The engines count without a metrics dependency and hand out copies; the exporter reads a
/// copy now and then and calls `counter`/`gauge` here. A Prometheus counter only goes up,
/// so each total is mirrored by adding what it grew since the last publication.
public final class SnapshotPublisher: Sendable {
    private struct Series: Hashable {
        var name: String
        var labels: [String]
    }

    private struct State {
        var counters: [Series: (metric: Counter, last: Int)] = [:]
        var gauges: [Series: Gauge] = [:]
    }

    private let registry: PrometheusCollectorRegistry
    private let state = Mutex(State())

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Sets the counter `name{labels}` to the running total `total`. A total lower than the
    /// last one (the engine restarted) is taken as counting from zero again.
    public func counter(_ name: String, help: String, labels: [(String, String)] = [], total: Int) {
        let series = Series(name: name, labels: labels.flatMap { [$0.0, $0.1] })
        state.withLock { state in
            let entry =
                state.counters[series] ?? (
                    registry.makeCounter(descriptor: descriptor(name, help, unit: "total"), labels: labels), 0
                )
            let growth = total >= entry.last ? total - entry.last : total
            if growth > 0 { entry.metric.increment(by: Int64(growth)) }
            state.counters[series] = (entry.metric, total)
        }
    }

    public func gauge(_ name: String, help: String, labels: [(String, String)] = [], value: Double) {
        let series = Series(name: name, labels: labels.flatMap { [$0.0, $0.1] })
        state.withLock { state in
            let gauge =
                state.gauges[series]
                ?? registry.makeGauge(descriptor: descriptor(name, help, unit: ""), labels: labels)
            gauge.set(to: value)
            state.gauges[series] = gauge
        }
    }

    /// `name` is the full metric name; for counters it ends in `_total`, which is the unit.
    private func descriptor(_ name: String, _ help: String, unit: String) -> MetricNameDescriptor {
        let base = unit.isEmpty ? name : String(name.dropLast(unit.count + 1))
        return MetricNameDescriptor(metricName: base, unitName: unit, helpText: help)
    }
}
