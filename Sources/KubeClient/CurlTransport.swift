import Foundation
import KubeModel
import Logging
import Synchronization

/// HTTP over libcurl's multi interface: many requests in flight on one event-loop thread,
/// connections kept alive and reused, HTTP/2 multiplexed over TLS when the server offers it
/// (ALPN), HTTP/1.1 keep-alive otherwise. Completions come back as async results; streams as
/// `AsyncThrowingStream`s of body chunks.
public final class CurlTransport: Sendable {
    /// Settings shared by every request of this transport.
    public struct Configuration: Sendable {
        public var tls: TLSSettings
        public var proxyURL: String?
        /// `host:port:connect-host:connect-port`: when `tls.serverName` differs from the
        /// server's host, URLs name the TLS name and this routes them to the real address, so
        /// SNI and certificate checks use the TLS name.
        public var connectTo: String?
        public var connectTimeout: Duration
        /// Default whole-request deadline for non-streaming requests.
        public var requestTimeout: Duration?
        public var userAgent: String
        /// 0 = unlimited. Watches over HTTP/1.1 each hold a connection, so a cap here can
        /// starve requests behind them.
        public var maxConnectionsPerHost: Int
        /// Bytes of a streamed response (a watch) held for a consumer that falls behind; past
        /// them the transfer stops reading until the consumer catches up.
        public var streamBufferLimit = 8 << 20

        public init(
            tls: TLSSettings = TLSSettings(), proxyURL: String? = nil, connectTo: String? = nil,
            connectTimeout: Duration = .seconds(10), requestTimeout: Duration? = .seconds(60),
            userAgent: String = "vmsvc/\(VMSvcVersion.current)", maxConnectionsPerHost: Int = 0
        ) {
            self.tls = tls
            self.proxyURL = proxyURL
            self.connectTo = connectTo
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.userAgent = userAgent
            self.maxConnectionsPerHost = maxConnectionsPerHost
        }
    }

    public let configuration: Configuration
    private let loop: CurlEventLoop
    private let warnings: WarningLog
    private let nextID = Atomic<UInt64>(0)

    public init(configuration: Configuration, logger: Logger = Logger(label: "vmsvc.kubeclient")) {
        self.configuration = configuration
        self.warnings = WarningLog(logger: logger)
        self.loop = CurlEventLoop(maxConnectionsPerHost: configuration.maxConnectionsPerHost)
    }

    deinit {
        loop.shutdown()
    }

    /// Sends a request and returns its whole response, whatever its status.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let id = makeID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard
                    let transfer = CurlTransfer(
                        id: id, request: request, settings: configuration, delivery: .buffered(continuation),
                        warnings: warnings)
                else {
                    continuation.resume(throwing: KubeAPIError.transport(
                        code: -1, message: "cannot allocate a curl handle", beforeRequestSent: true))
                    return
                }
                loop.submit(transfer)
                // A cancel that raced ahead of the submit found nothing to cancel; repeat it.
                if Task.isCancelled { loop.cancel(id) }
            }
        } onCancel: {
            loop.cancel(id)
        }
    }

    /// Starts a request whose body is consumed as it arrives. A non-2xx response ends the
    /// stream with `HTTPStatusFailure`; silence for `stallTimeout` ends it with
    /// `KubeAPIError.stalled`. Ending the iteration cancels the request. While more than
    /// `configuration.streamBufferLimit` bytes wait for the consumer, the transfer pauses.
    public func stream(_ request: HTTPRequest, stallTimeout: Duration) -> ResponseBodyStream {
        let id = makeID()
        let (chunks, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let backpressure = StreamBackpressure(limit: configuration.streamBufferLimit) { [loop] in loop.resume(id) }
        let stream = ResponseBodyStream(chunks: chunks, backpressure: backpressure)
        guard
            let transfer = CurlTransfer(
                id: id, request: request, settings: configuration,
                delivery: .streaming(continuation, stallTimeout: stallTimeout, backpressure: backpressure),
                warnings: warnings)
        else {
            continuation.finish(throwing: KubeAPIError.transport(
                code: -1, message: "cannot allocate a curl handle", beforeRequestSent: true))
            return stream
        }
        continuation.onTermination = { [loop] termination in
            if case .cancelled = termination { loop.cancel(id) }
        }
        loop.submit(transfer)
        return stream
    }

    private func makeID() -> UInt64 {
        nextID.wrappingAdd(1, ordering: .relaxed).newValue
    }
}

extension CurlTransport.Configuration {
    /// The transport settings for a cluster, and the base URL to address it by.
    public static func forCluster(_ cluster: ClusterConfig) -> (configuration: Self, baseURL: String) {
        var configuration = Self(tls: cluster.tls, proxyURL: cluster.proxyURL)
        var baseURL = cluster.server
        if let serverName = cluster.tls.serverName, var components = URLComponents(string: cluster.server),
            let host = components.host, host != serverName
        {
            let port = components.port ?? (components.scheme == "http" ? 80 : 443)
            let connectHost = host.contains(":") ? "[\(host)]" : host
            configuration.connectTo = "\(serverName):\(port):\(connectHost):\(port)"
            components.host = serverName
            baseURL = components.string ?? cluster.server
        }
        return (configuration, baseURL)
    }
}
