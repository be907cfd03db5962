import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// kube-sim's own controls: fault injection (`/admin/faults`) and compaction (`/admin/compact`).
struct SimAdmin {
    let url: String

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// Merges `faults` into the running configuration (the members of `FaultConfiguration`).
    func setFaults(_ faults: [String: Any]) async throws {
        _ = try await send("PATCH", "/admin/faults", body: JSONSerialization.data(withJSONObject: faults))
    }

    func clearFaults() async throws {
        try await setFaults([
            "latencyMilliseconds": 0, "latencyJitterMilliseconds": 0, "errorRate": 0, "conflictRate": 0, "dropWatchesEverySeconds": 0,
        ])
    }

    /// Forgets the history: watches and lists from older resource versions get 410.
    func compact() async throws {
        _ = try await send("POST", "/admin/compact", body: nil)
    }

    /// One row of `/admin/requests`.
    struct RequestCount: Decodable {
        var verb: String
        var resource: String
        var subresource: String
        var code: Int
        var userAgent: String
        var client: String
        var count: Int
    }

    func requests() async throws -> [RequestCount] {
        struct Page: Decodable { var items: [RequestCount] }
        return try JSONDecoder().decode(Page.self, from: await send("GET", "/admin/requests", body: nil)).items
    }

    /// Writes (create, update, patch, delete) kube-sim answered on `resources`, whatever the
    /// answer. The operator is the only writer of Services, Endpoints and Events in a test.
    func writes(to resources: Set<String>, verbs: Set<String> = Self.writeVerbs) async throws -> Int {
        try await requests().filter { resources.contains($0.resource) && verbs.contains($0.verb) }.reduce(0) { $0 + $1.count }
    }

    /// Writes kube-sim answered for the client whose User-Agent ends with `component`
    /// (`worker/ID`: one worker process).
    func writes(by component: String) async throws -> Int {
        try await requests().filter { $0.client.hasSuffix(" " + component) && Self.writeVerbs.contains($0.verb) }
            .reduce(0) { $0 + $1.count }
    }

    static let writeVerbs: Set<String> = ["create", "update", "patch", "delete"]

    func send(_ method: String, _ path: String, body: Data?) async throws -> Data {
        guard let endpoint = URL(string: url + path) else { throw Refused(description: "bad URL \(url)\(path)") }
        var request = URLRequest(url: endpoint)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, status == 200 else {
            throw Refused(description: "\(method) \(path): \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }
}
