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

    @Test func latencyIsFixedPlusUniformJitterAndOnlyForItsRequestClasses() {
        let jittered = FaultConfiguration(latencyMilliseconds: 50, latencyJitterMilliseconds: 50)
        let delays = (0..<500).map { _ in jittered.delayMilliseconds(forMethod: "PATCH") }
        #expect(delays.allSatisfy { (0...100).contains($0) })
        #expect(Set(delays).count > 10, "jitter varies the delay")
        #expect(delays.contains { $0 < 25 } && delays.contains { $0 > 75 })

        let writesOnly = FaultConfiguration(latencyMilliseconds: 10, latencyClasses: [.write])
        #expect(writesOnly.delayMilliseconds(forMethod: "GET") == 0)
        #expect(["POST", "PUT", "PATCH", "DELETE"].allSatisfy { writesOnly.delayMilliseconds(forMethod: $0) == 10 })
        #expect(FaultConfiguration().delayMilliseconds(forMethod: "PATCH") == 0)
    }

    @Test func latencySettingsChangeThroughTheAdminEndpoint() async throws {
        try await SimHarness.with { sim in
            let set = try await sim.client.request(
                .PATCH, "/admin/faults",
                json: ["latencyMilliseconds": 1, "latencyJitterMilliseconds": 1, "latencyClasses": ["write"]])
            #expect(set.json["latencyJitterMilliseconds"] == 1)
            #expect(set.json["latencyClasses"] == ["write"])
            // Delayed writes still answer, in order.
            for name in ["a", "b", "c"] { #expect(try await sim.post(path, SimHarness.configMap(name)).status == 201) }
            let listed = try await sim.get(path).json["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue }
            #expect(listed == ["a", "b", "c"])
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
