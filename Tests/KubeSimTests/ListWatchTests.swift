import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim list and watch")
struct ListWatchTests {
    let path = SimHarness.configMaps

    @Test func listFiltersByLabelAndFieldSelectors() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a", labels: ["app": "web"]))
            _ = try await sim.post(path, SimHarness.configMap("b", labels: ["app": "db"]))
            let byLabel = try await sim.get("\(path)?labelSelector=app%3Dweb").json
            #expect(byLabel["items"]?.arrayValue?.map(\.name) == ["a"])
            let byField = try await sim.get("\(path)?fieldSelector=metadata.name%3Db").json
            #expect(byField["items"]?.arrayValue?.map(\.name) == ["b"])
            #expect(byField["kind"] == "ConfigMapList")
            let unsupported = try await sim.get("\(path)?fieldSelector=spec.x%3Dy")
            #expect(unsupported.status == 400)
        }
    }

    @Test func paginationServesAConsistentSnapshot() async throws {
        try await SimHarness.with { sim in
            for name in ["a", "b", "c"] { _ = try await sim.post(path, SimHarness.configMap(name)) }
            let first = try await sim.get("\(path)?limit=2").json
            #expect(first["items"]?.arrayValue?.map(\.name) == ["a", "b"])
            #expect(first["metadata"]?["remainingItemCount"] == 1)
            let token = try #require(first["metadata"]?["continue"]?.stringValue)
            _ = try await sim.post(path, SimHarness.configMap("d"))
            _ = try await sim.delete("\(path)/c")
            let second = try await sim.get("\(path)?limit=2&continue=\(token)").json
            #expect(second["items"]?.arrayValue?.map(\.name) == ["c"])
            #expect(second["metadata"]?["continue"] == nil)
            #expect(second["metadata"]?["resourceVersion"] == first["metadata"]?["resourceVersion"])
        }
    }

    @Test func continueTokenBeyondTheKeptHistoryIsGone() async throws {
        try await SimHarness.with(KubeSimConfiguration(historySize: 2, threads: 1)) { sim in
            for name in ["a", "b", "c"] { _ = try await sim.post(path, SimHarness.configMap(name)) }
            let token = try #require(try await sim.get("\(path)?limit=1").json["metadata"]?["continue"]?.stringValue)
            for name in ["d", "e", "f"] { _ = try await sim.post(path, SimHarness.configMap(name)) }
            let expired = try await sim.get("\(path)?limit=1&continue=\(token)")
            #expect(expired.status == 410)
            #expect(expired.json["reason"] == "Expired")
        }
    }

    @Test func watchFromAResourceVersionReplaysLaterChanges() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            _ = try await sim.patch("\(path)/a", #"{"data":{"x":"1"}}"#, type: "application/merge-patch+json")
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            _ = try await sim.delete("\(path)/a")
            let events = try #require(await watch.collect { $0["type"] == "DELETED" })
            #expect(events.compactMap { $0["type"]?.stringValue } == ["MODIFIED", "DELETED"])
        }
    }

    @Test func watchWithoutResourceVersionStartsWithTheCurrentState() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let watch = try await sim.client.watch("\(path)?watch=1")
            defer { watch.close() }
            _ = try await sim.post(path, SimHarness.configMap("b"))
            let events = try #require(await watch.collect { $0["object"]?.name == "b" })
            #expect(events.map { "\($0["type"]?.stringValue ?? "")/\($0["object"]?.name ?? "")" } == ["ADDED/a", "ADDED/b"])
        }
    }

    @Test func objectsLeavingALabelSelectorArriveAsDeleted() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a", labels: ["app": "web"]))
            let watch = try await sim.client.watch("\(path)?watch=true&labelSelector=app%3Dweb")
            defer { watch.close() }
            _ = try await sim.patch("\(path)/a", #"{"metadata":{"labels":{"app":"db"}}}"#, type: "application/merge-patch+json")
            let events = try #require(await watch.collect { $0["type"] == "DELETED" })
            #expect(events.compactMap { $0["type"]?.stringValue } == ["ADDED", "DELETED"])
        }
    }

    @Test func watchFromACompactedResourceVersionGetsGoneAsAnErrorEvent() async throws {
        try await SimHarness.with(KubeSimConfiguration(historySize: 2, threads: 1)) { sim in
            for name in ["a", "b", "c", "d"] { _ = try await sim.post(path, SimHarness.configMap(name)) }
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=2")
            defer { watch.close() }
            let events = try #require(await watch.collect { $0["type"] == "ERROR" })
            #expect(events.last?["object"]?["code"] == 410)
            #expect(events.last?["object"]?["reason"] == "Expired")
        }
    }

    @Test func streamingListEndsInitialEventsWithAnnotatedBookmark() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let watch = try await sim.client.watch(
                "\(path)?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
            defer { watch.close() }
            let events = try #require(await watch.collect { $0["type"] == "BOOKMARK" })
            #expect(events.first?["type"] == "ADDED")
            #expect(events.last?["object"]?["metadata"]?["annotations"]?[initialEventsEndAnnotation] == "true")
        }
    }

    @Test func bookmarksArriveWhileTheWatchIsIdle() async throws {
        try await SimHarness.with(KubeSimConfiguration(bookmarkIntervalSeconds: 0.05, threads: 1)) { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            let watch = try await sim.client.watch(
                "\(path)?watch=true&allowWatchBookmarks=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            let events = try #require(await watch.collect { $0["type"] == "BOOKMARK" })
            #expect(events.last?["object"]?["kind"] == "ConfigMap")
            #expect(Int(events.last?["object"]?.resourceVersion ?? "") ?? 0 >= Int(created.resourceVersion) ?? 0)
        }
    }

    @Test func watchEndsAfterTimeoutSeconds() async throws {
        try await SimHarness.with { sim in
            let watch = try await sim.client.watch("\(path)?watch=true&timeoutSeconds=1&resourceVersion=1")
            let events = await watch.collect { _ in false }
            #expect(events == nil)
        }
    }
}
