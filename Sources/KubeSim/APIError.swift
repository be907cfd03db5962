import KubeModel

/// An error that becomes a `Status` response, with kube-apiserver's reasons and wording
/// (`k8s.io/apimachinery/pkg/api/errors`), so clients that match on either behave the same.
struct APIError: Error, Sendable {
    var status: Status
    /// Extra response headers, e.g. `Retry-After`.
    var headers: [(String, String)] = []

    var code: Int { status.code ?? 500 }

    init(code: Int, reason: String, message: String, details: StatusDetails? = nil) {
        status = Status(message: message, reason: reason, details: details, code: code)
    }

    init(status: Status) { self.status = status }

    /// A patch that cannot be applied, answered as kube-apiserver answers it.
    init(_ error: PatchError) {
        self.init(code: error.httpStatus, reason: error.statusReason, message: error.statusMessage)
    }

    static func notFound(_ resource: GroupResource, _ name: String) -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    static func alreadyExists(_ resource: GroupResource, _ name: String) -> APIError {
        APIError(
            code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    static func conflict(_ resource: GroupResource, _ name: String, _ why: String) -> APIError {
        APIError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(resource) \"\(name)\": \(why)",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    static let modifiedMessage =
        "the object has been modified; please apply your changes to the latest version and try again"

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func forbidden(_ resource: GroupResource, _ name: String, _ why: String) -> APIError {
        let subject = name.isEmpty ? "\(resource)" : "\(resource) \"\(name)\""
        return APIError(
            code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)",
            details: StatusDetails(name: name.isEmpty ? nil : name, group: resource.group, kind: resource.resource))
    }

    static func methodNotAllowed(_ method: String) -> APIError {
        APIError(
            code: 405, reason: "MethodNotAllowed",
            message: "the server does not allow this method on the requested resource")
    }

    static func unsupportedMediaType(_ contentType: String, accepted: [String]) -> APIError {
        APIError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: "
                + accepted.joined(separator: ", "))
    }

    static func notAcceptable(_ accept: String) -> APIError {
        APIError(
            code: 406, reason: "NotAcceptable",
            message: "only the following media types are accepted: application/json, application/yaml")
    }

    /// The path matches no resource. kube-apiserver answers a bare 404 `the server could not
    /// find the requested resource`.
    static let pathNotFound = APIError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource",
        details: StatusDetails())

    /// A watch or list asked for history that has been compacted away.
    static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    static func tooOldResourceVersion(requested: Int, oldest: Int) -> APIError {
        expired("too old resource version: \(requested) (\(oldest))")
    }

    static let continueExpired = expired(
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
    )

    static func tooLargeResourceVersion(requested: Int, current: Int) -> APIError {
        APIError(
            code: 504, reason: "Timeout",
            message: "Too large resource version: \(requested), current: \(current)",
            details: StatusDetails(
                causes: [StatusCause(reason: "ResourceVersionTooLarge", message: "Too large resource version")],
                retryAfterSeconds: 1))
    }

    static func `internal`(_ message: String) -> APIError {
        APIError(
            code: 500, reason: "InternalError",
            message: "Internal error occurred: \(message)",
            details: StatusDetails(causes: [StatusCause(message: message)]))
    }

    /// `Invalid` (422): kind, group and name in the message, one cause per field error.
    static func invalid(kind: String, group: String, name: String, errors: [FieldError]) -> APIError {
        APIError(status: Status.invalid(kind: kind, group: group, name: name, errors: errors))
    }
}

extension APIError {
    /// The `Status` as a JSON tree, ready to be written or embedded in a watch ERROR event.
    var json: JSONValue {
        var details: JSONObject = [:]
        if let d = status.details {
            if let name = d.name { details["name"] = .string(name) }
            if let group = d.group { details["group"] = .string(group) }
            if let kind = d.kind { details["kind"] = .string(kind) }
            if let uid = d.uid { details["uid"] = .string(uid) }
            if let retry = d.retryAfterSeconds { details["retryAfterSeconds"] = .number(Double(retry)) }
            if let causes = d.causes {
                details["causes"] = .array(
                    causes.map { cause in
                        var c: JSONObject = [:]
                        if let r = cause.reason { c["reason"] = .string(r) }
                        if let m = cause.message { c["message"] = .string(m) }
                        if let f = cause.field { c["field"] = .string(f) }
                        return .object(c)
                    })
            }
        }
        var body: JSONObject = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:],
            "status": .string(status.status ?? "Failure"),
            "message": .string(status.message ?? ""),
            "reason": .string(status.reason ?? ""),
            "code": .number(Double(code)),
        ]
        if status.details != nil { body["details"] = .object(details) }
        return .object(body)
    }
}
