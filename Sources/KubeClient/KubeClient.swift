import Foundation
import KubeModel
import Logging

/// A Kubernetes API client for one cluster: typed verbs over `CurlTransport`, with client-go's
/// flow control — a token bucket (qps/burst), a cap on requests in flight, retries with
/// backoff for failures worth retrying, and one credential refresh after a 401.
///
/// One client per process is the intent: the rate limit and the in-flight cap are its own,
/// and all its requests share one event loop and its connections.
public final class KubeClient: Sendable {
    public struct Options: Sendable {
        /// Requests per second; 0 = unlimited.
        public var qps: Double
        public var burst: Int
        /// Non-watch requests in flight at once; 0 = unlimited.
        public var maxInFlight: Int
        public var retry: RetryPolicy
        public var connectTimeout: Duration
        public var requestTimeout: Duration
        /// Connections to the API server at once; 0 = as many as requests need. Over HTTP/1.1
        /// each holds one request at a time (1 serialises them; the client benchmark compares).
        public var maxConnectionsPerHost: Int
        /// Sent with every request; audit logs and kube-sim's request counts tell callers
        /// apart by it.
        public var userAgent: String
        /// Bytes of a watch held for a consumer that falls behind; past them the client stops
        /// reading the watch until the consumer catches up.
        public var watchBufferLimit = 8 << 20

        public init(
            qps: Double = 50, burst: Int = 100, maxInFlight: Int = 64, retry: RetryPolicy = RetryPolicy(),
            connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
            maxConnectionsPerHost: Int = 0, userAgent: String = KubeClient.userAgent()
        ) {
            self.qps = qps
            self.burst = burst
            self.maxInFlight = maxInFlight
            self.retry = retry
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.userAgent = userAgent
        }
    }

    /// `vmsvc/VERSION`, then the component (`worker/ID`, `coordinator`) as Kubernetes'
    /// own components name themselves after the version.
    public static func userAgent(component: String? = nil) -> String {
        ["vmsvc/\(VMSvcVersion.current)", component].compactMap { $0 }.joined(separator: " ")
    }

    public let config: ClusterConfig
    public let options: Options
    let transport: CurlTransport
    let baseURL: String
    let rateLimiter: TokenBucket
    let inFlight: InFlightLimiter
    let logger: Logger

    /// - Parameters:
    ///   - rateLimiter, inFlight: pass the same instances to several clients (single-process
    ///     mode, several clusters' worth of roles) to make the limits process-wide; by default
    ///     each client makes its own from `options`.
    public init(
        config: ClusterConfig, options: Options = Options(), rateLimiter: TokenBucket? = nil,
        inFlight: InFlightLimiter? = nil, logger: Logger = Logger(label: "vmsvc.kubeclient")
    ) {
        var (transportConfiguration, baseURL) = CurlTransport.Configuration.forCluster(config)
        transportConfiguration.connectTimeout = options.connectTimeout
        transportConfiguration.requestTimeout = options.requestTimeout
        transportConfiguration.maxConnectionsPerHost = options.maxConnectionsPerHost
        transportConfiguration.userAgent = options.userAgent
        transportConfiguration.streamBufferLimit = options.watchBufferLimit
        self.config = config
        self.options = options
        self.baseURL = baseURL
        self.transport = CurlTransport(configuration: transportConfiguration, logger: logger)
        self.rateLimiter = rateLimiter ?? TokenBucket(qps: options.qps, burst: options.burst)
        self.inFlight = inFlight ?? InFlightLimiter(limit: options.maxInFlight)
        self.logger = logger
    }

    /// One API call before authentication and flow control.
    struct APIRequest: Sendable {
        var method: String
        var path: String
        var query: [(String, String)] = []
        var body: [UInt8]? = nil
        var contentType: String? = nil

        /// Whether sending it twice is harmless; decides retries after a transport error
        /// that may have happened after the server received the request.
        var idempotent: Bool { method != "POST" }
    }

    /// Sends a request with rate limiting, the in-flight cap and retries, and returns the
    /// 2xx response; anything else is thrown as `KubeAPIError`.
    func perform(_ request: APIRequest) async throws -> HTTPResponse {
        var attempt = 0
        var credentialsRefreshed = false
        while true {
            attempt += 1
            do {
                try await rateLimiter.acquire()
                let http = try await httpRequest(request)
                let response = try await inFlight.run { try await transport.send(http) }
                if response.isSuccess { return response }
                throw KubeAPIError.from(code: response.status, body: response.body, retryAfter: response.retryAfter)
            } catch KubeAPIError.unauthorized(let status) {
                // A rotated token or an expired exec credential: fetch a fresh one, once.
                guard !credentialsRefreshed, await config.credentials.invalidate() else {
                    throw KubeAPIError.unauthorized(status)
                }
                credentialsRefreshed = true
                attempt -= 1
            } catch {
                guard let delay = options.retry.delay(after: error, attempt: attempt, idempotent: request.idempotent)
                else { throw error }
                logger.debug(
                    "retrying API request",
                    metadata: [
                        "method": "\(request.method)", "path": "\(request.path)", "attempt": "\(attempt)",
                        "delay": "\(delay)", "error": "\(error)",
                    ])
                try await Task.sleep(for: delay)
            }
        }
    }

    /// Adds the URL, credentials and content headers.
    func httpRequest(_ request: APIRequest, timeout: Duration? = nil) async throws -> HTTPRequest {
        let authorization = try await config.credentials.authorization()
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let header = authorization.header { headers.append(("Authorization", header.value)) }
        if let contentType = request.contentType { headers.append(("Content-Type", contentType)) }
        return HTTPRequest(
            method: request.method, url: url(request.path, request.query), headers: headers, body: request.body,
            timeout: timeout, identity: authorization.identity)
    }

    func url(_ path: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return baseURL + path }
        let encoded = query.map { "\(Self.percentEncode($0.0))=\(Self.percentEncode($0.1))" }
        return baseURL + path + "?" + encoded.joined(separator: "&")
    }

    private static let queryValueAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#,"))

    static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? text
    }

    /// Decodes a 2xx body, turning a mismatch into `KubeAPIError.undecodable`.
    func decode<R: Decodable>(_ type: R.Type, from response: HTTPResponse) throws -> R {
        do {
            // Untyped answers skip JSONDecoder, which decodes a JSONValue by trial and error.
            if R.self == JSONValue.self, let value = try JSONReader.parse(Array(response.body)) as? R { return value }
            return try JSONDecoder().decode(R.self, from: Data(response.body))
        } catch {
            throw KubeAPIError.undecodable("\(R.self): \(error)")
        }
    }

    func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }
}
