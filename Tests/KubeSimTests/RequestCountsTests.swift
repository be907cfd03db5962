import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim request counts")
struct RequestCountsTests {
    let path = SimHarness.configMaps

    /// The count of one verb on one resource with one status code, as `/admin/requests` reports it.
    private func count(_ counts: JSONValue, verb: String, code: Int, userAgent: String? = nil) -> Int {
        let items = counts["items"]?.arrayValue ?? []
        return items.filter { item in
            item["verb"]?.stringValue == verb && item["resource"]?.stringValue == "configmaps"
                && item["code"] == .number(Double(code))
                && (userAgent == nil || item["userAgent"]?.stringValue == userAgent)
        }.reduce(0) { $0 + ($1["count"]?.intValue ?? 0) }
    }

    @Test func resourceRequestsAreCountedByVerbCodeAndClient() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            _ = try await sim.client.request(
                .PATCH, "\(path)/a", body: #"{"data":{"x":"1"}}"#, contentType: "application/merge-patch+json",
                headers: [("User-Agent", "vmsvc/1.2.3 (linux)")])
            _ = try await sim.post(path, SimHarness.configMap("a"))  // 409 AlreadyExists
            _ = try await sim.get(path)
            _ = try await sim.get("/api/v1")  // discovery is not a resource request

            let counts = try await sim.client.request(.GET, "/admin/requests").json
            #expect(count(counts, verb: "create", code: 201) == 1)
            #expect(count(counts, verb: "create", code: 409) == 1)
            #expect(count(counts, verb: "patch", code: 200, userAgent: "vmsvc") == 1)
            let patch = counts["items"]?.arrayValue?.first { $0["verb"]?.stringValue == "patch" }
            #expect(patch?["client"]?.stringValue == "vmsvc/1.2.3 (linux)")
            #expect(patch?["bytes"] == .number(Double(#"{"data":{"x":"1"}}"#.utf8.count)))
            #expect(count(counts, verb: "list", code: 200) == 1)
            #expect(counts["total"] == 4)
        }
    }

    @Test func deletingTheCountsStartsAgainFromZero() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let reset = try await sim.client.request(.DELETE, "/admin/requests").json
            #expect(reset["total"] == 0)
            _ = try await sim.get("\(path)/a")
            let counts = try await sim.client.request(.GET, "/admin/requests").json
            #expect(counts["total"] == 1)
            #expect(count(counts, verb: "get", code: 200) == 1)
        }
    }

    @Test func verbsFollowTheRequestInfoRules() {
        func verb(_ method: String, _ uri: String) -> String? {
            guard case .resource(let route) = Route(segments: APIRequest(method: method, uri: uri, headers: [], body: []).segments)
            else { return nil }
            return route.verb(for: APIRequest(method: method, uri: uri, headers: [], body: []))
        }
        #expect(verb("GET", "/api/v1/namespaces/a/configmaps") == "list")
        #expect(verb("GET", "/api/v1/namespaces/a/configmaps?watch=true") == "watch")
        #expect(verb("GET", "/api/v1/watch/namespaces/a/configmaps/x") == "watch")
        #expect(verb("GET", "/api/v1/namespaces/a/configmaps/x") == "get")
        #expect(verb("POST", "/api/v1/namespaces/a/configmaps") == "create")
        #expect(verb("PUT", "/api/v1/namespaces/a/configmaps/x") == "update")
        #expect(verb("PATCH", "/api/v1/namespaces/a/configmaps/x") == "patch")
        #expect(verb("DELETE", "/api/v1/namespaces/a/configmaps/x") == "delete")
        #expect(verb("DELETE", "/api/v1/namespaces/a/configmaps") == "deletecollection")
    }
}
