import Foundation

/// One HTTP request as the transport sends it. Built by `KubeClient`; the transport knows
/// nothing about Kubernetes beyond TLS and credentials.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute URL.
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Whole-request deadline; nil for streams, which are watched for stalls instead.
    public var timeout: Duration?
    /// Overrides the configured client certificate (exec plugins may issue one).
    public var identity: ClientIdentity?

    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
        timeout: Duration? = nil, identity: ClientIdentity? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.identity = identity
    }
}

/// A complete response. Non-2xx statuses are responses too; mapping them to errors is the
/// client's business.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// `Retry-After` in its delay-seconds form (the only form the API server sends).
    public var retryAfter: Duration? {
        header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { .seconds($0) }
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A streamed response that turned out not to be a 2xx: the stream ends with this, carrying
/// the whole (short) body so that it can be mapped to a `KubeAPIError`.
public struct HTTPStatusFailure: Error, Sendable {
    public var response: HTTPResponse
}
