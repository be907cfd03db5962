import Foundation
import KubeModel
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// An in-memory Kubernetes API server that kubectl and client libraries accept unchanged.
///
/// Start it in-process (tests) or through `vmsvc sim`. One event-loop group serves every
/// connection; the whole object state sits behind one lock, so a write, its watch events
/// and its resourceVersion are ordered by the same critical section.
public final class KubeSim: Sendable {
    public let configuration: KubeSimConfiguration
    private let group: MultiThreadedEventLoopGroup
    let server: APIServer
    private let logger: Logger
    private let running = Mutex<(channel: (any Channel)?, timers: [RepeatedTask])>((nil, []))
    /// The TLS and authentication set up by `start()`.
    private let security = Mutex(ServingSecurity())

    public init(configuration: KubeSimConfiguration = KubeSimConfiguration(), logger: Logger = Logger(label: "kube-sim")) {
        self.configuration = configuration
        self.logger = logger
        let threads = configuration.threads > 0 ? configuration.threads : System.coreCount
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        self.group = group
        server = APIServer(
            configuration: configuration,
            clock: { MicroTime(microsecondsSince1970: Int64(Date().timeIntervalSince1970 * 1_000_000)) },
            schedule: { delay, work in
                if delay <= 0 {
                    group.next().execute(work)
                } else {
                    group.next().scheduleTask(in: .milliseconds(Int64(delay))) { work() }
                }
            })
        Bootstrap.seed(server)
    }

    /// Binds, loads the configured CRD directories, TLS material, tokens and RBAC
    /// manifests, and returns the port.
    @discardableResult
    public func start() async throws -> Int {
        let security = try ServingSecurity.load(configuration)
        self.security.withLock { $0 = security }
        server.accessControl.withLock { $0 = security.accessControl }
        for directory in configuration.crdDirectories {
            let count = try loadCRDs(from: directory)
            logger.info("loaded CRDs", metadata: ["directory": "\(directory)", "count": "\(count)"])
        }
        let server = self.server
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls = security.tlsContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    // Requests are parsed by NIO; answers are written as bytes by `HTTPHandler`
                    // (`HTTPResponseBytes`), which also keeps them in order and answers bad
                    // requests. Every header value sent is kube-sim's own or a warning already
                    // cleared of control characters (`warningHeader`).
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
                    try channel.pipeline.syncOperations.addHandler(HTTPHandler(server: server))
                }
            }
            .bind(host: configuration.host, port: configuration.port).get()
        // Clamped: a zero interval would spin, an absurd one would overflow.
        let seconds = min(max(configuration.bookmarkIntervalSeconds, 0.01), 86_400)
        let interval = TimeAmount.nanoseconds(Int64(seconds * 1_000_000_000))
        let bookmarks = group.next().scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            server.sendBookmarks()
        }
        running.withLock { $0 = (channel, [bookmarks, WatchDropper.start(on: group.next(), server: server)]) }
        let port = channel.localAddress?.port ?? configuration.port
        logger.info("kube-sim listening", metadata: ["host": "\(configuration.host)", "port": "\(port)"])
        return port
    }

    /// The bound port, once started.
    public var port: Int? { running.withLock { $0.channel?.localAddress?.port } }

    /// `http://HOST:PORT`, or `https://` when serving TLS.
    public var url: String {
        let scheme = configuration.tlsCertificatePath == nil ? "http" : "https"
        return "\(scheme)://\(configuration.host):\(port ?? configuration.port)"
    }

    public func stop() async throws {
        let (channel, timers) = running.withLock { state in
            defer { state = (nil, []) }
            return state
        }
        for timer in timers { timer.cancel() }
        try? await channel?.close()
        try await group.shutdownGracefully()
    }

    /// Creates every CustomResourceDefinition found in the YAML/JSON files of a directory.
    @discardableResult
    public func loadCRDs(from directory: String) throws -> Int {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        var count = 0
        for file in files where file.hasSuffix(".yaml") || file.hasSuffix(".yml") || file.hasSuffix(".json") {
            let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
            for document in try RequestBody.yamlDocuments(text) where document["kind"]?.stringValue == "CustomResourceDefinition" {
                try server.state.withLock { state in
                    _ = try state.create(
                        BuiltinResources.customResourceDefinitions, namespace: "", document, options: .init())
                }
                count += 1
            }
        }
        return count
    }

    /// A kubeconfig for this server: the CA to trust when serving TLS (once started) and the
    /// `bearerToken` when there is one.
    public func kubeconfig() -> String {
        Kubeconfig.render(
            server: url, certificateAuthority: security.withLock { $0.certificateAuthorityPEM },
            token: configuration.bearerToken)
    }
}
