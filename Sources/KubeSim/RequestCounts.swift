import KubeModel
import Synchronization

/// How many resource requests kube-sim answered, and how many request-body bytes they
/// carried, by verb, resource, status code and client.
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
        /// The whole User-Agent (at most 200 characters), which tells the processes of one
        /// product apart (`vmsvc/1.0 worker/w-1`).
        var client: String
    }

    struct Tally: Sendable {
        var count = 0
        var bytes = 0

        mutating func add(bytes: Int) {
            count += 1
            self.bytes += bytes
        }
    }

    private let counts = Mutex<[Key: Tally]>([:])

    func record(_ route: Route.ResourceRoute, _ request: APIRequest, code: Int) {
        let agent = request.headers["user-agent"] ?? ""
        let key = Key(
            verb: route.verb(for: request), group: route.group, resource: route.resource,
            subresource: route.subresource ?? "", code: code, userAgent: Self.product(of: agent),
            client: agent.utf8.count <= 200 ? agent : String(agent.prefix(200)))
        counts.withLock { $0[key, default: Tally()].add(bytes: request.body.count) }
    }

    func reset() {
        counts.withLock { $0.removeAll() }
    }

    /// `{"total": N, "items": [{"verb", "group", "resource", "subresource", "code", "userAgent", "client",
    /// "count", "bytes"}]}`,
    /// items sorted so that two reads of the same counts render the same.
    var json: JSONValue {
        let snapshot = counts.withLock { $0 }
        let items = snapshot.sorted { lhs, rhs in
            (lhs.key.resource, lhs.key.verb, lhs.key.subresource, lhs.key.code, lhs.key.client)
                < (rhs.key.resource, rhs.key.verb, rhs.key.subresource, rhs.key.code, rhs.key.client)
        }.map { key, tally -> JSONValue in
            .object([
                "verb": .string(key.verb), "group": .string(key.group), "resource": .string(key.resource),
                "subresource": .string(key.subresource), "code": .number(Double(key.code)),
                "userAgent": .string(key.userAgent), "client": .string(key.client),
                "count": .number(Double(tally.count)), "bytes": .number(Double(tally.bytes)),
            ])
        }
        let total = snapshot.values.reduce(0) { $0 + $1.count }
        return .object(["total": .number(Double(total)), "items": .array(items)])
    }

    /// Over UTF-8 bytes (both delimiters are ASCII): this runs for every request.
    private static func product(of userAgent: String) -> String {
        let token = userAgent.utf8.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: " ") }
        return String(Substring(token))
    }
}
