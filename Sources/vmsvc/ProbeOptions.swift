import ArgumentParser
import Logging
import Observability
import Prometheus

/// `--metrics-bind-address` and `--health-probe-bind-address`, as controller-runtime names
/// them. Each command has its own defaults (see `Defaults`), so one host can run a
/// coordinator and a worker side by side.
struct ProbeOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Where /metrics is served ([host]:port; 0 disables). Env: VMSVC_METRICS_BIND_ADDRESS. Default: :8080 (coordinator, run), :8082 (worker).",
            valueName: "address"))
    var metricsBindAddress: String?

    @Option(
        help: ArgumentHelp(
            "Where /healthz and /readyz are served ([host]:port; 0 disables). Env: VMSVC_HEALTH_PROBE_BIND_ADDRESS. Default: :8081 (coordinator, run), :8083 (worker).",
            valueName: "address"))
    var healthProbeBindAddress: String?

    struct Defaults {
        var metrics: String
        var health: String

        static let coordinator = Defaults(metrics: ":8080", health: ":8081")
        static let worker = Defaults(metrics: ":8082", health: ":8083")
    }

    func metrics(_ defaults: Defaults) -> String {
        metricsBindAddress ?? Environment.string("VMSVC_METRICS_BIND_ADDRESS") ?? defaults.metrics
    }

    func health(_ defaults: Defaults) -> String {
        healthProbeBindAddress ?? Environment.string("VMSVC_HEALTH_PROBE_BIND_ADDRESS") ?? defaults.health
    }

    /// Starts the endpoint on both addresses (once when they are the same); every bound
    /// address answers /metrics, /healthz and /readyz.
    func start(
        _ defaults: Defaults, registry: PrometheusCollectorRegistry, health: HealthState, logger: Logger
    ) async throws -> ObservabilityServer {
        let server = ObservabilityServer(registry: registry, health: health, logger: logger)
        let metricsAddress = try BindAddress.parse(metrics(defaults))
        let healthAddress = try BindAddress.parse(self.health(defaults))
        if let metricsAddress { try await server.bind(metricsAddress, purpose: "metrics") }
        if let healthAddress, healthAddress != metricsAddress {
            try await server.bind(healthAddress, purpose: "health probes")
        }
        return server
    }
}
