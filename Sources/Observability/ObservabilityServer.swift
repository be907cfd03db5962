import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import Synchronization

/// The HTTP endpoint every vmsvc process serves on its `--metrics-bind-address` and
/// `--health-probe-bind-address`: `/metrics` (Prometheus text format), `/healthz` and
/// `/readyz`. Both addresses may be the same; each bound address answers all three paths,
/// as a separate probe port would only need two of them.
public final class ObservabilityServer: Sendable {
    private let routes: ProbeRoutes
    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger
    private let channels = Mutex<[any Channel]>([])

    public init(registry: PrometheusCollectorRegistry, health: HealthState, logger: Logger) {
        self.routes = ProbeRoutes(registry: registry, health: health)
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.logger = logger
    }

    /// Binds one address and returns the port it got (port 0 picks a free one).
    @discardableResult
    public func bind(_ address: BindAddress, purpose: String) async throws -> Int {
        let routes = self.routes
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ProbeHTTPHandler(routes: routes))
                }
            }
            .bind(host: address.host, port: address.port).get()
        channels.withLock { $0.append(channel) }
        let port = channel.localAddress?.port ?? address.port
        logger.info(
            "serving \(purpose)", metadata: ["address": "\(BindAddress(host: address.host, port: port))"])
        return port
    }

    public func shutdown() async throws {
        let open = channels.withLock { channels in
            defer { channels = [] }
            return channels
        }
        for channel in open { try? await channel.close() }
        try await group.shutdownGracefully()
    }
}
