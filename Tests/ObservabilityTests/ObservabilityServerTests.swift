import CoreMetrics
import Foundation
import Logging
import Prometheus
import Testing

@testable import Observability

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The HTTP endpoint on an ephemeral port, scraped as Prometheus and probed as the kubelet would.
@Suite struct ObservabilityServerTests {
    private func withServer(
        checks: [String] = ["synced", "assigned"],
        _ body: (_ base: String, _ registry: PrometheusCollectorRegistry, _ health: HealthState) async throws -> Void
    ) async throws {
        let registry = PrometheusCollectorRegistry()
        let health = HealthState(checks: checks)
        let server = ObservabilityServer(registry: registry, health: health, logger: Logger(label: "test"))
        let port = try await server.bind(BindAddress(host: "127.0.0.1", port: 0), purpose: "test")
        do {
            try await body("http://127.0.0.1:\(port)", registry, health)
            try await server.shutdown()
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    private func get(_ url: String) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        let status = try #require(response as? HTTPURLResponse).statusCode
        return (status, String(decoding: data, as: UTF8.self))
    }

    @Test func metricsAreScrapedInPrometheusTextFormat() async throws {
        try await withServer { base, registry, _ in
            let writes = MetricNameDescriptor(
                namespace: "vmsvc", metricName: "test_writes", unitName: "total", helpText: "Writes in a test.")
            registry.makeCounter(descriptor: writes, labels: [("kind", "Endpoints")]).increment(by: Int64(3))
            let (status, body) = try await get(base + "/metrics")
            #expect(status == 200)
            #expect(body.contains(#"vmsvc_test_writes_total{kind="Endpoints"} 3"#))
        }
    }

    @Test func swiftMetricsInstrumentsLandInTheScrapedRegistry() async throws {
        try await withServer { base, registry, _ in
            let factory = MetricsBootstrap.factory(registry: registry)
            Counter(label: "vmsvc_test_events_total", dimensions: [("kind", "VirtualMachine")], factory: factory)
                .increment(by: 2)
            Timer(label: "vmsvc_test_latency_seconds", factory: factory).recordMilliseconds(30)
            let (_, body) = try await get(base + "/metrics")
            #expect(body.contains(#"vmsvc_test_events_total{kind="VirtualMachine"} 2"#))
            #expect(body.contains(#"vmsvc_test_latency_seconds_bucket{le="0.05"} 1"#))
            #expect(body.contains(#"vmsvc_test_latency_seconds_bucket{le="0.025"} 0"#))
        }
    }

    @Test func readinessIs503UntilEveryCheckPassesAnd503AgainWhenDraining() async throws {
        try await withServer { base, _, health in
            var probe = try await get(base + "/readyz")
            #expect(probe.status == 503)
            #expect(probe.body.contains("[-]assigned failed"))
            health.set("synced", true)
            probe = try await get(base + "/readyz")
            #expect(probe.status == 503)
            health.set("assigned", true)
            probe = try await get(base + "/readyz")
            #expect(probe.status == 200)
            #expect(probe.body.contains("[+]synced ok"))
            health.startDraining()
            probe = try await get(base + "/readyz")
            #expect(probe.status == 503)
            #expect(probe.body.contains("[-]shutdown draining"))
        }
    }

    @Test func livenessAnswers200WhileNotReady() async throws {
        try await withServer { base, _, _ in
            let live = try await get(base + "/healthz")
            #expect(live.status == 200)
            #expect(live.body == "ok\n")
            let ready = try await get(base + "/readyz")
            #expect(ready.status == 503)
        }
    }

    @Test func unknownPathIs404() async throws {
        try await withServer { base, _, _ in
            let missing = try await get(base + "/nope")
            #expect(missing.status == 404)
        }
    }
}
