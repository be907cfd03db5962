import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim CRUD semantics")
struct CRUDTests {
    let path = SimHarness.configMaps

    @Test func createStampsSystemMetadataWithIncreasingResourceVersions() async throws {
        try await SimHarness.with { sim in
            let a = try await sim.post(path, SimHarness.configMap("a"))
            let b = try await sim.post(path, SimHarness.configMap("b"))
            #expect(a.status == 201)
            let rvA = try #require(Int(a.json.resourceVersion))
            let rvB = try #require(Int(b.json.resourceVersion))
            #expect(rvB > rvA)
            #expect(a.json.uid.count == 36)
            #expect(a.json.uid != b.json.uid)
            #expect(a.json.metadataString("creationTimestamp")?.hasSuffix("Z") == true)
            #expect(a.json.namespace == "default")
        }
    }

    /// structured-merge-diff drops managers whose field set is empty, so an object with no
    /// fields of its own has no `managedFields` at all (not a JSON null).
    @Test func anObjectWithNoOwnedFieldsHasNoManagedFieldsMember() async throws {
        try await SimHarness.with { sim in
            let bare: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "bare"]]
            let created = try await sim.post(path, bare)
            #expect(created.status == 201)
            #expect(created.json["metadata"]?.objectValue?.keys.contains("managedFields") == false)
            let withData = try await sim.post(path, SimHarness.configMap("full")).json
            #expect(withData["metadata"]?["managedFields"]?.arrayValue?.count == 1)
        }
    }

    @Test func createOfExistingNameIsAlreadyExists() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let again = try await sim.post(path, SimHarness.configMap("a"))
            #expect(again.status == 409)
            #expect(again.json["reason"] == "AlreadyExists")
            #expect(again.json["message"] == "configmaps \"a\" already exists")
            #expect(again.json["kind"] == "Status")
        }
    }

    @Test func getOfMissingObjectIsNotFoundWithKubernetesWording() async throws {
        try await SimHarness.with { sim in
            let missing = try await sim.get("/api/v1/namespaces/default/services/x")
            #expect(missing.status == 404)
            #expect(missing.json["message"] == "services \"x\" not found")
            #expect(missing.json["details"]?["kind"] == "services")
        }
    }

    @Test func updateWithStaleResourceVersionIsConflict() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            var first = created
            first["data"] = ["k": "one"]
            #expect(try await sim.put("\(path)/a", first).status == 200)
            var stale = created
            stale["data"] = ["k": "two"]
            let conflict = try await sim.put("\(path)/a", stale)
            #expect(conflict.status == 409)
            #expect(conflict.json["reason"] == "Conflict")
            #expect(
                conflict.json["message"]
                    == "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again"
            )
        }
    }

    @Test func updateWithoutChangesWritesNothing() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post(path, SimHarness.configMap("a")).json
            let updated = try await sim.put("\(path)/a", created).json
            #expect(updated.resourceVersion == created.resourceVersion)
        }
    }

    @Test func generateNameProducesAUniqueName() async throws {
        try await SimHarness.with { sim in
            let body: JSONValue = ["metadata": ["generateName": "web-"], "data": [:]]
            let a = try await sim.post(path, body).json
            let b = try await sim.post(path, body).json
            #expect(a.name.hasPrefix("web-") && a.name.count == 9)
            #expect(a.name != b.name)
        }
    }

    @Test func createInMissingNamespaceIsNotFound() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.post("/api/v1/namespaces/nope/configmaps", SimHarness.configMap("a"))
            #expect(response.status == 404)
            #expect(response.json["message"] == "namespaces \"nope\" not found")
        }
    }

    @Test func invalidNameIsRejectedWithFieldCause() async throws {
        try await SimHarness.with { sim in
            let response = try await sim.post(path, SimHarness.configMap("Bad_Name"))
            #expect(response.status == 422)
            #expect(response.json["reason"] == "Invalid")
            #expect(response.json["details"]?["causes"]?.arrayValue?.first?["field"] == "metadata.name")
        }
    }

    @Test func mergeAndJSONPatchesApply() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let merged = try await sim.patch("\(path)/a", #"{"data":{"x":"1"}}"#, type: "application/merge-patch+json")
            #expect(merged.json["data"] == ["k": "v", "x": "1"])
            let patched = try await sim.patch(
                "\(path)/a", #"[{"op":"remove","path":"/data/k"}]"#, type: "application/json-patch+json")
            #expect(patched.json["data"] == ["x": "1"])
            let unknown = try await sim.patch("\(path)/a", "{}", type: "text/plain")
            #expect(unknown.status == 415)
        }
    }

    /// kube-apiserver merges with evanphx/json-patch, which also drops the nulls inside
    /// objects of a list the patch sets (RFC 7386 would store them).
    @Test func aMergePatchDropsNullsInsideTheListsItSets() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let owner = #"{"apiVersion":"v1","kind":"ConfigMap","name":"o","uid":"u-1","controller":null}"#
            let merged = try await sim.patch(
                "\(path)/a", #"{"metadata":{"ownerReferences":["# + owner + "]}}", type: "application/merge-patch+json")
            #expect(merged.status == 200)
            #expect(merged.json["metadata"]?["ownerReferences"] == [["apiVersion": "v1", "kind": "ConfigMap", "name": "o", "uid": "u-1"]])
        }
    }

    @Test func statusSubresourceIsSeparateFromTheMainResource() async throws {
        try await SimHarness.with { sim in
            let services = "/api/v1/namespaces/default/services"
            let service: JSONValue = ["metadata": ["name": "web"], "spec": ["ports": [["port": 80]]]]
            var created = try await sim.post(services, service).json
            created["status"] = ["loadBalancer": ["ingress": [["ip": "1.2.3.4"]]]]
            let viaMain = try await sim.put("\(services)/web", created).json
            #expect(viaMain["status"]?["loadBalancer"]?["ingress"] == nil)
            var statusUpdate = viaMain
            statusUpdate["status"] = ["loadBalancer": ["ingress": [["ip": "1.2.3.4"]]]]
            statusUpdate["spec"]?["ports"] = [["port": 81]]
            let viaStatus = try await sim.put("\(services)/web/status", statusUpdate).json
            #expect(viaStatus["status"]?["loadBalancer"]?["ingress"]?.arrayValue?.count == 1)
            #expect(viaStatus["spec"]?["ports"]?.arrayValue?.first?["port"] == 80)
        }
    }
}

@Suite("kube-sim Events in both APIs")
struct EventsTests {
    @Test func eventsWrittenThroughEventsV1AreCoreEventsUnderCoreNames() async throws {
        try await SimHarness.with { sim in
            let event: JSONValue = [
                "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": "e1"],
                "regarding": ["kind": "VirtualMachineService", "name": "web"], "note": "invalid port",
                "reason": "InvalidVirtualMachineService", "type": "Warning", "reportingController": "vmsvc",
                "action": "Validate", "eventTime": "2026-01-01T00:00:00.000000Z",
            ]
            let created = try await sim.post("/apis/events.k8s.io/v1/namespaces/default/events", event)
            #expect(created.status == 201)
            #expect(created.json["note"] == "invalid port")
            let core = try await sim.get("/api/v1/namespaces/default/events/e1").json
            #expect(core["apiVersion"] == "v1")
            #expect(core["message"] == "invalid port")
            #expect(core["involvedObject"]?["name"] == "web")
            #expect(core["reportingComponent"] == "vmsvc")
            let selected = try await sim.get("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=regarding.name%3Dweb").json
            #expect(selected["items"]?.arrayValue?.map(\.name) == ["e1"])
            #expect(selected["items"]?.arrayValue?.first?["regarding"]?["kind"] == "VirtualMachineService")
        }
    }
}
