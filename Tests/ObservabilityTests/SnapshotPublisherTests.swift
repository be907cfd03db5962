import Prometheus
import Testing

@testable import Observability

@Suite struct SnapshotPublisherTests {
    @Test func countersFollowRunningTotalsAndSurviveAnEngineRestart() {
        let registry = PrometheusCollectorRegistry()
        let publisher = SnapshotPublisher(registry: registry)
        publisher.counter("vmsvc_writes_total", help: "API writes.", labels: [("kind", "Endpoints")], total: 4)
        publisher.counter("vmsvc_writes_total", help: "API writes.", labels: [("kind", "Endpoints")], total: 7)
        #expect(registry.emitToString().contains(#"vmsvc_writes_total{kind="Endpoints"} 7"#))
        // A fresh engine counts from zero; the exported counter keeps going up.
        publisher.counter("vmsvc_writes_total", help: "API writes.", labels: [("kind", "Endpoints")], total: 2)
        #expect(registry.emitToString().contains(#"vmsvc_writes_total{kind="Endpoints"} 9"#))
        #expect(registry.emitToString().contains("# HELP vmsvc_writes_total API writes."))
    }

    @Test func gaugesTakeTheLatestValue() {
        let registry = PrometheusCollectorRegistry()
        let publisher = SnapshotPublisher(registry: registry)
        publisher.gauge("vmsvc_namespaces", help: "Namespaces owned.", labels: [("worker", "w1")], value: 3)
        publisher.gauge("vmsvc_namespaces", help: "Namespaces owned.", labels: [("worker", "w1")], value: 1)
        #expect(registry.emitToString().contains(#"vmsvc_namespaces{worker="w1"} 1"#))
    }
}
