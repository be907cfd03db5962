import Foundation
import KubeModel

/// A failed API call, typed by what the caller does about it. API errors carry the server's
/// `Status` body (reason, message, field causes); `transport` covers everything that never
/// produced an HTTP response.
public enum KubeAPIError: Error, Sendable, CustomStringConvertible {
    case badRequest(Status)
    case unauthorized(Status)
    case forbidden(Status)
    case notFound(Status)
    case methodNotAllowed(Status)
    case alreadyExists(Status)
    case conflict(Status)
    /// 410: the requested resourceVersion is older than the server keeps (`Expired`/`Gone`).
    case gone(Status)
    case unsupportedMediaType(Status)
    /// 422: the object failed validation; `causes` lists the fields.
    case invalid(Status)
    case tooManyRequests(Status, retryAfter: Duration?)
    /// 5xx, including 504 `Timeout` and 503 `ServiceUnavailable`.
    case server(Status, retryAfter: Duration?)
    /// Any other non-success HTTP status.
    case unexpected(Status)
    /// No usable HTTP response: connection, TLS, DNS, timeout; `code` is the libcurl code.
    case transport(code: Int, message: String, beforeRequestSent: Bool)
    /// A watch stream went quiet (no bytes, no bookmark) for longer than allowed.
    case stalled(after: Duration)
    /// A 2xx response whose body is not what was asked for.
    case undecodable(String)

    /// The server's Status; nil for transport and decoding failures.
    public var status: Status? {
        switch self {
        case .badRequest(let s), .unauthorized(let s), .forbidden(let s), .notFound(let s),
            .methodNotAllowed(let s), .alreadyExists(let s), .conflict(let s), .gone(let s),
            .unsupportedMediaType(let s), .invalid(let s), .tooManyRequests(let s, _), .server(let s, _),
            .unexpected(let s):
            s
        case .transport, .stalled, .undecodable:
            nil
        }
    }

    /// The HTTP status code, if there was a response.
    public var code: Int? { status?.code }

    /// The field errors of an `Invalid` response (empty otherwise).
    public var causes: [StatusCause] { status?.details?.causes ?? [] }

    public var description: String {
        switch self {
        case .transport(let code, let message, _):
            return "transport error (curl \(code)): \(message)"
        case .stalled(let after):
            return "watch stream stalled: nothing received for \(after)"
        case .undecodable(let detail):
            return "undecodable response: \(detail)"
        default:
            let s = status ?? Status()
            let reason = s.reason.map { " \($0)" } ?? ""
            let causes = causes.map { "\($0.field ?? "?"): \($0.message ?? $0.reason ?? "")" }
            return "\(s.code ?? 0)\(reason): \(s.message ?? "")"
                + (causes.isEmpty ? "" : " [\(causes.joined(separator: "; "))]")
        }
    }

    /// Maps an HTTP status and body to its case. A body that is not a Status (a proxy's HTML
    /// page, say) becomes the message of a synthesised one.
    public static func from(code: Int, body: [UInt8], retryAfter: Duration? = nil) -> KubeAPIError {
        var status: Status
        if let decoded = try? JSONDecoder().decode(Status.self, from: Data(body)), decoded.kind == "Status" {
            status = decoded
        } else {
            let text = String(decoding: body.prefix(512), as: UTF8.self)
            status = Status(message: text.isEmpty ? "HTTP \(code)" : text)
        }
        status.code = status.code ?? code
        return from(status: status, httpCode: code, retryAfter: retryAfter)
    }

    /// Maps a Status (from a response or a watch `ERROR` event) to its case.
    public static func from(status: Status, httpCode: Int? = nil, retryAfter: Duration? = nil) -> KubeAPIError {
        let code = httpCode ?? status.code ?? 500
        let hinted = retryAfter ?? status.details?.retryAfterSeconds.map { .seconds($0) }
        switch code {
        case 400: return .badRequest(status)
        case 401: return .unauthorized(status)
        case 403: return .forbidden(status)
        case 404: return .notFound(status)
        case 405: return .methodNotAllowed(status)
        case 409: return status.reason == "AlreadyExists" ? .alreadyExists(status) : .conflict(status)
        case 410: return .gone(status)
        case 415: return .unsupportedMediaType(status)
        case 422: return .invalid(status)
        case 429: return .tooManyRequests(status, retryAfter: hinted)
        case 500...599: return .server(status, retryAfter: hinted)
        default: return .unexpected(status)
        }
    }
}
