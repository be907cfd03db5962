import KubeModel
import Synchronization

/// How many resource requests kube-sim answered, by verb, resource, status code and client.
///
/// Tests and benchmarks read it at `/admin/requests` to count what the operator wrote
/// ("no no-op writes" is a count of zero), the way `apiserver_request_total` is read on a
/// real cluster.
final class RequestCounts: Sendable {
    struct Key: Hashable, Sendable {
        var verb: String
        var group: String
        var resource: String
        var subresource: String
        var code: Int
        /// The product token of the User-Agent (`vmsvc` of `vmsvc/1.0 (linux)`).
        var userAgent: String
    }

    private let counts = Mutex<[Key: Int]>([:])

    func record(_ route: Route.ResourceRoute, _ request: APIRequest, code: Int) {
        let agent = request.headers["user-agent"].map { Self.product(of: $0) } ?? ""
        let key = Key(
            verb: route.verb(for: request), group: route.group, resource: route.resource,
            subresource: route.subresource ?? "", code: code, userAgent: agent)
        counts.withLock { $0[key, default: 0] += 1 }
    }

    func reset() {
        counts.withLock { $0.removeAll() }
    }

    /// `{"total": N, "items": [{"verb", "group", "resource", "subresource", "code", "userAgent", "count"}]}`,
    /// items sorted so that two reads of the same counts render the same.
    var json: JSONValue {
        let snapshot = counts.withLock { $0 }
        let items = snapshot.sorted { lhs, rhs in
            (lhs.key.resource, lhs.key.verb, lhs.key.subresource, lhs.key.code, lhs.key.userAgent)
                < (rhs.key.resource, rhs.key.verb, rhs.key.subresource, rhs.key.code, rhs.key.userAgent)
        }.map { key, count -> JSONValue in
            .object([
                "verb": .string(key.verb), "group": .string(key.group), "resource": .string(key.resource),
                "subresource": .string(key.subresource), "code": .number(Double(key.code)),
                "userAgent": .string(key.userAgent), "count": .number(Double(count)),
            ])
        }
        let total = snapshot.values.reduce(0, +)
        return .object(["total": .number(Double(total)), "items": .array(items)])
    }

    private static func product(of userAgent: String) -> String {
        let token = userAgent.prefix { $0 != "/" && $0 != " " }
        return String(token)
    }
}
