import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim custom resources and discovery")
struct CustomResourceTests {
    static let crd = crd(schema: ["type": "object", "x-kubernetes-preserve-unknown-fields": true])

    static func crd(schema: JSONValue) -> JSONValue {
        [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
            "versions": [
                [
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "schema": ["openAPIV3Schema": schema],
                    "additionalPrinterColumns": [
                        ["name": "Size", "type": "string", "jsonPath": ".spec.size"],
                        ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
                    ],
                ]
            ],
        ],
        ]
    }
    let widgets = "/apis/example.com/v1/namespaces/default/widgets"

    /// Ratcheting: a value the tightened schema rejects may stay as it is while the rest of
    /// the object changes; it may not be changed to another rejected value, nor be created.
    @Test func anObjectMadeInvalidByANewerSchemaCanStillBeUpdatedElsewhere() async throws {
        let schema = { (maxLength: Int) -> JSONValue in
            ["type": "object", "properties": [
                "spec": ["type": "object", "properties": ["size": ["type": "string", "maxLength": .number(Double(maxLength))]]],
            ]]
        }
        try await SimHarness.with { sim in
            let crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
            _ = try await sim.post(crds, Self.crd(schema: schema(10)))
            #expect(try await sim.post(widgets, ["metadata": ["name": "w"], "spec": ["size": "medium"]]).status == 201)
            var tightened = try await sim.get("\(crds)/widgets.example.com").json
            tightened["spec"] = Self.crd(schema: schema(2))["spec"]
            #expect(try await sim.put("\(crds)/widgets.example.com", tightened).status == 200)

            let merge = "application/merge-patch+json"
            let labeled = try await sim.patch("\(widgets)/w", #"{"metadata":{"labels":{"a":"b"}},"spec":{"other":1}}"#, type: merge)
            #expect(labeled.status == 200)
            #expect(labeled.json["spec"] == ["size": "medium"])
            let resized = try await sim.patch("\(widgets)/w", #"{"spec":{"size":"large"}}"#, type: merge)
            #expect(resized.status == 422)
            #expect(resized.json["details"]?["causes"]?.arrayValue?.first?["field"] == "spec.size")
            #expect(try await sim.patch("\(widgets)/w", #"{"spec":{"size":"L"}}"#, type: merge).status == 200)
            #expect(try await sim.post(widgets, ["metadata": ["name": "v"], "spec": ["size": "medium"]]).status == 422)
        }
    }

    /// Every write prunes and defaults the whole object with the schema as it is now, also the
    /// parts a patch leaves alone: after the CRD gains a default and loses a property, a patch of
    /// one label brings the default and drops the field. (kube-sim skips untouched subtrees only
    /// when the stored object was made with the same schema; here it was not.)
    @Test func aPatchAfterASchemaChangePrunesAndDefaultsTheUntouchedSpec() async throws {
        let schema = { (properties: JSONValue) -> JSONValue in
            ["type": "object", "properties": ["spec": ["type": "object", "properties": properties]]]
        }
        try await SimHarness.with { sim in
            let crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
            let merge = "application/merge-patch+json"
            _ = try await sim.post(crds, Self.crd(schema: schema(["size": ["type": "string"], "old": ["type": "string"]])))
            #expect(try await sim.post(widgets, ["metadata": ["name": "w"], "spec": ["size": "m", "old": "x"]]).status == 201)
            // Two patches, so that the stored object's last write was an update.
            for value in ["1", "2"] {
                #expect(try await sim.patch("\(widgets)/w", #"{"metadata":{"labels":{"n":"\#(value)"}}}"#, type: merge).status == 200)
            }
            var changed = try await sim.get("\(crds)/widgets.example.com").json
            changed["spec"] = Self.crd(schema: schema(["size": ["type": "string"], "mode": ["type": "string", "default": "auto"]]))["spec"]
            #expect(try await sim.put("\(crds)/widgets.example.com", changed).status == 200)

            let patched = try await sim.patch("\(widgets)/w", #"{"metadata":{"labels":{"n":"3"}}}"#, type: merge)
            #expect(patched.status == 200)
            #expect(patched.json["spec"] == ["size": "m", "mode": "auto"])
            // And the next patch, made from an object of the new schema, keeps it so.
            let again = try await sim.patch("\(widgets)/w", #"{"metadata":{"labels":{"n":"4"}}}"#, type: merge)
            #expect(again.json["spec"] == ["size": "m", "mode": "auto"])
        }
    }

    @Test func aCRDCreatedThroughTheAPIIsServedAtOnce() async throws {
        try await SimHarness.with { sim in
            let created = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Self.crd)
            #expect(created.status == 201)
            let conditions = created.json["status"]?["conditions"]?.arrayValue ?? []
            #expect(conditions.contains { $0["type"] == "Established" && $0["status"] == "True" })
            let widget = try await sim.post(widgets, ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["size": "L"]])
            #expect(widget.status == 201)
            #expect(widget.json["metadata"]?["generation"] == 1)
        }
    }

    @Test func generationCountsSpecChangesOnlyAndStatusGoesThroughTheSubresource() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Self.crd)
            _ = try await sim.post(widgets, ["metadata": ["name": "w"], "spec": ["size": "L"], "status": ["ok": true]])
            let relabeled = try await sim.patch(
                "\(widgets)/w", #"{"metadata":{"labels":{"a":"b"}},"status":{"ok":true}}"#, type: "application/merge-patch+json")
            #expect(relabeled.json["metadata"]?["generation"] == 1)
            #expect(relabeled.json["status"] == nil)
            let resized = try await sim.patch("\(widgets)/w", #"{"spec":{"size":"XL"}}"#, type: "application/merge-patch+json")
            #expect(resized.json["metadata"]?["generation"] == 2)
            let status = try await sim.patch("\(widgets)/w/status", #"{"status":{"ok":true}}"#, type: "application/merge-patch+json")
            #expect(status.json["status"] == ["ok": true])
            #expect(status.json["metadata"]?["generation"] == 2)
            let strategic = try await sim.patch("\(widgets)/w", "{}", type: "application/strategic-merge-patch+json")
            #expect(strategic.status == 415)
        }
    }

    @Test func tablesCarryThePrinterColumns() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Self.crd)
            _ = try await sim.post(widgets, ["metadata": ["name": "w"], "spec": ["size": "L"]])
            let table = try await sim.get(widgets, accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").json
            #expect(table["kind"] == "Table")
            #expect(table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Name", "Size", "Age"])
            let cells = table["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
            #expect(cells.prefix(2) == ["w", "L"])
            #expect(cells.last?.stringValue?.hasSuffix("s") == true)
        }
    }

    @Test func discoveryListsBuiltinAndCustomGroups() async throws {
        try await SimHarness.with { sim in
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Self.crd)
            let groups = try await sim.get("/apis").json["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(groups.contains("example.com") && groups.contains("coordination.k8s.io"))
            let core = try await sim.get("/api/v1").json["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(core.contains("services/status") && core.contains("endpoints"))
            let aggregated = try await sim.get(
                "/apis", accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
            #expect(aggregated.header("Content-Type")?.contains("as=APIGroupDiscoveryList") == true)
            #expect(aggregated.json["items"]?.arrayValue?.contains { $0["metadata"]?["name"] == "example.com" } == true)
        }
    }

    @Test func everyServedVersionShowsTheSameObjectsInItsOwnVersion() async throws {
        try await SimHarness.with { sim in
            var crd = Self.crd
            var v2 = crd["spec"]?["versions"]?.arrayValue?.first ?? [:]
            v2["name"] = "v2"
            v2["storage"] = false
            let versions = crd["spec"]?["versions"]?.arrayValue ?? []
            crd["spec"]?["versions"] = .array(versions + [v2])
            _ = try await sim.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
            let v2widgets = "/apis/example.com/v2/namespaces/default/widgets"
            let created = try await sim.post(v2widgets, ["apiVersion": "example.com/v2", "kind": "Widget", "metadata": ["name": "w"], "spec": [:]])
            #expect(created.json["apiVersion"] == "example.com/v2")
            #expect(try await sim.get("\(widgets)/w").json["apiVersion"] == "example.com/v1")
            #expect(try await sim.get(v2widgets).json["items"]?.arrayValue?.first?["apiVersion"] == "example.com/v2")
            let preferred = try await sim.get("/apis/example.com").json["preferredVersion"]?["version"]
            #expect(preferred == "v2")
        }
    }

    @Test func deletingTheCRDDeletesItsObjectsAndStopsServingThem() async throws {
        try await SimHarness.with { sim in
            let crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
            let created = try await sim.post(crds, Self.crd).json
            _ = try await sim.post(widgets, ["metadata": ["name": "w"], "spec": [:]])
            let watch = try await sim.client.watch("\(crds)?watch=true&resourceVersion=\(created.resourceVersion)")
            defer { watch.close() }
            _ = try await sim.delete("\(crds)/widgets.example.com")
            _ = try #require(await watch.collect { $0["type"] == "DELETED" })
            #expect(try await sim.get(widgets).status == 404)
        }
    }
}
