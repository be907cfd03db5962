import KubeModel
import Testing

@testable import KubeSim

/// Writes prepared outside the server's lock (custom resources, ConfigMaps and the other
/// types whose strategy reads no state) must commit as if each had run alone.
@Suite("kube-sim writes prepared outside the lock")
struct PreparedAheadWriteTests {
    let path = SimHarness.configMaps
    let widgets = "/apis/example.com/v1/namespaces/default/widgets"

    @Test func concurrentPatchesOfOneObjectAllLandInRevisionOrder() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            let count = 16
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<count {
                    group.addTask {
                        try await sim.patch("\(path)/a", #"{"data":{"k\#(index)":"v"}}"#, type: "application/merge-patch+json")
                            .status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: count))
            let stored = try await sim.get("\(path)/a").json
            #expect(stored["data"]?.objectValue?.count == count + 1)
            var seen = 0
            let events = try #require(await watch.collect { _ in
                seen += 1
                return seen == count
            })
            let versions = events.compactMap { $0["object"]?.resourceVersion }.compactMap { Int($0) }
            #expect(versions == versions.sorted() && Set(versions).count == count)
            // Each change is made on the one before it: the data only grows.
            let sizes = events.map { $0["object"]?["data"]?.objectValue?.count ?? 0 }
            #expect(sizes == Array(2...(count + 1)))
        }
    }

    @Test func watchersWithAndWithoutSelectorsSeeTheirOwnViewOfACustomResourceWrite() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CustomResourceTests.crd)
            for name in ["w", "other"] {
                _ = try await sim.post(widgets, ["metadata": ["name": .string(name), "labels": ["app": "web"]], "spec": ["size": "L"]])
            }
            let everything = try await sim.client.watch("\(widgets)?watch=true&resourceVersion=0")
            let selected = try await sim.client.watch("\(widgets)?watch=true&labelSelector=app%3Dweb&fieldSelector=metadata.name%3Dw")
            defer {
                everything.close()
                selected.close()
            }
            _ = try await sim.patch("\(widgets)/other", #"{"spec":{"size":"S"}}"#, type: "application/merge-patch+json")
            _ = try await sim.patch("\(widgets)/w", #"{"spec":{"size":"XL"}}"#, type: "application/merge-patch+json")
            let moved = try await sim.patch("\(widgets)/w", #"{"metadata":{"labels":{"app":"db"}}}"#, type: "application/merge-patch+json")
            #expect(moved.status == 200)

            let all = try #require(await everything.collect { $0["object"]?["metadata"]?["labels"]?["app"] == "db" })
            #expect(all.map { "\($0["type"]?.stringValue ?? "")/\($0["object"]?.name ?? "")" }.suffix(3)
                == ["MODIFIED/other", "MODIFIED/w", "MODIFIED/w"])
            let mine = try #require(await selected.collect { $0["type"] == "DELETED" })
            #expect(mine.compactMap { $0["type"]?.stringValue } == ["ADDED", "MODIFIED", "DELETED"])
            #expect(mine[1]["object"]?["spec"]?["size"] == "XL")
            // DELETED carries the last state the watcher could see, at the revision that moved it out.
            #expect(mine[2]["object"]?["metadata"]?["labels"]?["app"] == "web")
            #expect(mine[2]["object"]?.resourceVersion == moved.json.resourceVersion)
            // The shared encoding is the stored object, byte for byte what a GET answers.
            let fetched = try await sim.get("\(widgets)/w")
            #expect(all.last?["object"] == fetched.json)
        }
    }

    @Test func staleResourceVersionsConflictAndNoOpWritesStoreNothing() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            _ = try await sim.patch("\(path)/a", #"{"data":{"k":"2"}}"#, type: "application/merge-patch+json")
            let stale = try await sim.put("\(path)/a", created)
            #expect(stale.status == 409)
            let current = try await sim.get("\(path)/a").json
            let same = try await sim.patch("\(path)/a", #"{"data":{"k":"2"}}"#, type: "application/merge-patch+json")
            #expect(same.json.resourceVersion == current.resourceVersion)
        }
    }

    @Test func createsIntoAMissingNamespaceAreNotFoundBeforeAnyOtherCheck() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.post(
                "/api/v1/namespaces/nowhere/configmaps", ["metadata": ["name": "Not_Valid"], "data": ["k": "v"]])
            #expect(response.status == 404)
            let invalid = try await sim.post(path, ["metadata": ["name": "Not_Valid"], "data": ["k": "v"]])
            #expect(invalid.status == 422)
            let duplicate = try await sim.post(path, SimHarness.configMap("a"))
            #expect(duplicate.status == 201)
            #expect(try await sim.post(path, SimHarness.configMap("a")).status == 409)
        }
    }
}
