import Prometheus

/// The answers of the observability endpoint, independent of HTTP plumbing.
struct ProbeRoutes: Sendable {
    let registry: PrometheusCollectorRegistry
    let health: HealthState

    struct Response: Sendable, Equatable {
        var status: Int
        var contentType: String
        var body: [UInt8]
    }

    func respond(method: String, path: String) -> Response {
        guard method == "GET" || method == "HEAD" else { return text(405, "method not allowed\n") }
        switch path {
        case "/metrics":
            return Response(
                status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: registry.emitToBuffer())
        case "/healthz", "/livez":
            // Answering at all is the liveness signal: the event loop and the process are up.
            return text(200, "ok\n")
        case "/readyz":
            return text(health.isReady ? 200 : 503, health.readinessReport())
        default:
            return text(404, "not found\n")
        }
    }

    private func text(_ status: Int, _ body: String) -> Response {
        Response(status: status, contentType: "text/plain; charset=utf-8", body: Array(body.utf8))
    }
}
