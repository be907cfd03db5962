import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim deletion and garbage collection")
struct DeletionTests {
    let path = SimHarness.configMaps

    private func ownerReference(_ owner: JSONValue) -> JSONValue {
        [["apiVersion": "v1", "kind": "ConfigMap", "name": .string(owner.name), "uid": .string(owner.uid)]]
    }

    @Test func finalizersHoldTheObjectUntilTheLastIsRemoved() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a", extra: ["finalizers": ["example.com/hold"]]))
            let deleting = try await sim.delete("\(path)/a")
            #expect(deleting.status == 200)
            #expect(deleting.json.isBeingDeleted)
            #expect(try await sim.get("\(path)/a").status == 200)
            let released = try await sim.patch(
                "\(path)/a", #"{"metadata":{"finalizers":null}}"#, type: "application/merge-patch+json")
            #expect(released.status == 200)
            #expect(try await sim.get("\(path)/a").status == 404)
        }
    }

    @Test func noFinalizerCanBeAddedOnceDeletionStarted() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a", extra: ["finalizers": ["example.com/hold"]]))
            _ = try await sim.delete("\(path)/a")
            let response = try await sim.patch(
                "\(path)/a", #"{"metadata":{"finalizers":["example.com/hold","example.com/more"]}}"#,
                type: "application/merge-patch+json")
            #expect(response.status == 422)
        }
    }

    @Test func dependentsOfADeletedOwnerAreCollected() async throws {
        try await SimHarness.with { sim in
            let owner = try await sim.post(path, SimHarness.configMap("owner")).json
            let dependent = try await sim.post(
                path, SimHarness.configMap("dependent", extra: ["ownerReferences": ownerReference(owner)])
            ).json
            let watch = try await sim.client.watch(
                "\(path)?watch=true&fieldSelector=metadata.name%3Ddependent&resourceVersion=\(dependent.resourceVersion)")
            defer { watch.close() }
            _ = try await sim.delete("\(path)/owner")
            let events = try #require(await watch.collect { $0["type"] == "DELETED" })
            #expect(events.last?["object"]?.name == "dependent")
        }
    }

    @Test func foregroundDeletionWaitsForDependents() async throws {
        try await SimHarness.with { sim in
            let owner = try await sim.post(path, SimHarness.configMap("owner")).json
            _ = try await sim.post(
                path,
                SimHarness.configMap(
                    "dependent", extra: ["ownerReferences": ownerReference(owner), "finalizers": ["example.com/hold"]]))
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=\(owner.resourceVersion)")
            defer { watch.close() }
            let deleting = try await sim.delete("\(path)/owner", ["propagationPolicy": "Foreground"])
            #expect(deleting.json.finalizers == ["foregroundDeletion"])
            // The dependent is marked for deletion by the collector; the owner must stay.
            _ = try #require(await watch.collect { $0["object"]?.name == "dependent" && $0["object"]?.isBeingDeleted == true })
            #expect(try await sim.get("\(path)/owner").status == 200)
            _ = try await sim.patch(
                "\(path)/dependent", #"{"metadata":{"finalizers":null}}"#, type: "application/merge-patch+json")
            let rest = try #require(await watch.collect { $0["type"] == "DELETED" && $0["object"]?.name == "owner" })
            #expect(rest.contains { $0["type"] == "DELETED" && $0["object"]?.name == "dependent" })
        }
    }

    @Test func orphanDeletionKeepsDependentsAndDropsTheirReference() async throws {
        try await SimHarness.with { sim in
            let owner = try await sim.post(path, SimHarness.configMap("owner")).json
            _ = try await sim.post(path, SimHarness.configMap("dependent", extra: ["ownerReferences": ownerReference(owner)]))
            let watch = try await sim.client.watch("\(path)?watch=true&resourceVersion=\(owner.resourceVersion)")
            defer { watch.close() }
            _ = try await sim.delete("\(path)/owner", ["propagationPolicy": "Orphan"])
            _ = try #require(await watch.collect { $0["type"] == "DELETED" && $0["object"]?.name == "owner" })
            let dependent = try await sim.get("\(path)/dependent")
            #expect(dependent.status == 200)
            #expect(dependent.json.ownerUIDs.isEmpty)
        }
    }

    @Test func deletingANamespaceRemovesItsContents() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/api/v1/namespaces", ["metadata": ["name": "team"]])
            let created = try await sim.post("/api/v1/namespaces/team/configmaps", SimHarness.configMap("a")).json
            let watch = try await sim.client.watch("/api/v1/namespaces?watch=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            let deleting = try await sim.delete("/api/v1/namespaces/team")
            #expect(deleting.json["status"]?["phase"] == "Terminating")
            _ = try #require(await watch.collect { $0["type"] == "DELETED" })
            #expect(try await sim.get("/api/v1/namespaces/team/configmaps/a").status == 404)
            let refused = try await sim.delete("/api/v1/namespaces/default")
            #expect(refused.status == 403)
        }
    }
}
