import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim fault injection")
struct FaultInjectionTests {
    let path = SimHarness.configMaps

    @Test func throttlingAnswersCarryRetryAfter() async throws {
        let faults = FaultConfiguration(errorRate: 1, errorCodes: [429], retryAfterSeconds: 3)
        try await SimHarness.with(KubeSimConfiguration(threads: 1, faults: faults)) { sim in
            let response = try await sim.get(path)
            #expect(response.status == 429)
            #expect(response.header("Retry-After") == "3")
            #expect(response.json["details"]?["retryAfterSeconds"] == 3)
            // Discovery is never failed: clients must be able to start.
            #expect(try await sim.get("/api/v1").status == 200)
        }
    }

    @Test func faultsChangeAtRunTimeThroughTheAdminEndpoint() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let set = try await sim.client.request(.PUT, "/admin/faults", json: ["conflictRate": 1])
            #expect(set.json["conflictRate"] == 1)
            let conflicted = try await sim.patch("\(path)/a", #"{"data":{"x":"1"}}"#, type: "application/merge-patch+json")
            #expect(conflicted.status == 409)
            _ = try await sim.client.request(.PUT, "/admin/faults", json: ["conflictRate": 0])
            let patched = try await sim.patch("\(path)/a", #"{"data":{"x":"1"}}"#, type: "application/merge-patch+json")
            #expect(patched.status == 200)
        }
    }

    @Test func forcedCompactionExpiresOlderResourceVersions() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            _ = try await sim.post(path, SimHarness.configMap("b"))
            _ = try await sim.client.request(.POST, "/admin/compact")
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            let events = try #require(await watch.collect { $0["type"] == "ERROR" })
            #expect(events.last?["object"]?["code"] == 410)
            let exact = try await sim.get("\(path)?resourceVersion=\(created.resourceVersion)&resourceVersionMatch=Exact")
            #expect(exact.status == 410)
        }
    }

    @Test func forcedCompactionEndsOpenWatchesWithGone() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            _ = try await sim.client.request(.POST, "/admin/compact")
            let events = try #require(await watch.collect { $0["type"] == "ERROR" })
            #expect(events.last?["object"]?["code"] == 410)
            #expect(events.last?["object"]?["reason"] == "Expired")
        }
    }

    @Test func droppedWatchesEndTheStream() async throws {
        let faults = FaultConfiguration(dropWatchesEverySeconds: 0.2)
        try await SimHarness.with(KubeSimConfiguration(threads: 1, faults: faults)) { sim in
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=1")
            #expect(await watch.collect { _ in false } == nil)
        }
    }
}
