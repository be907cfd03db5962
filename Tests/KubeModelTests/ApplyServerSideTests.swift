import Testing

@testable import KubeModel

@Suite struct ApplyServerSideTests {
    static let schema = ApplySchema.service
    static let t0 = "2024-05-01T12:00:00Z"
    static let t1 = "2024-05-01T12:05:00Z"

    static func service(_ spec: String, labels: String = #"{"app":"web"}"#) -> JSONValue {
        json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":"# + labels + #"},"spec":"# + spec + "}")
    }

    static func apply(
        _ config: JSONValue, to live: JSONValue?, as manager: String, force: Bool = false, _ fields: ManagedFieldSet = .init()
    ) throws(ApplyConflicts) -> (object: JSONValue, managedFields: ManagedFieldSet) {
        try ServerSideApply.apply(
            applied: config, to: live, manager: manager, force: force, managedFields: fields, schema: schema, time: t0)
    }

    @Test func firstApplyOwnsEveryFieldItNames() throws {
        let config = Self.service(#"{"type":"ClusterIP","selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}"#)
        let (object, managed) = try Self.apply(config, to: nil, as: "kubectl")
        #expect(object == config)
        let expected = json(#"""
        [{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-05-01T12:00:00Z","fieldsType":"FieldsV1",
          "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":
            {".":{},"f:port":{},"f:targetPort":{}}},"f:selector":{},"f:type":{}}}}]
        """#)
        #expect(managed.json == expected)
        #expect(ManagedFieldSet(json: managed.json) == managed)
    }

    /// `isTracked` looks only paths of one or two fields up in `ignored`.
    @Test func systemFieldsAreNeverOwned() {
        #expect(ServerSideApply.ignored.allSatisfy { $0.elements.count <= 2 })
        for path in ServerSideApply.ignored { #expect(!ServerSideApply.isTracked(path, resetFields: [])) }
        #expect(!ServerSideApply.isTracked(FieldPath(fields: "metadata", "managedFields", "x"), resetFields: []))
        #expect(ServerSideApply.isTracked(FieldPath(fields: "metadata", "labels"), resetFields: []))
        #expect(ServerSideApply.isTracked(FieldPath(fields: "metadata", "name", "x"), resetFields: []))
        #expect(!ServerSideApply.isTracked(FieldPath(fields: "status", "x"), resetFields: [FieldPath(fields: "status")]))
    }

    @Test func changingAnotherAppliersFieldConflicts() throws {
        let (live, managed) = try Self.apply(Self.service(#"{"replicas":3}"#), to: nil, as: "a")
        #expect(throws: ApplyConflicts(conflicts: [.init(manager: #""a""#, path: FieldPath(fields: "spec", "replicas"))])) {
            try Self.apply(Self.service(#"{"replicas":5}"#), to: live, as: "b", managed)
        }
        do {
            _ = try Self.apply(Self.service(#"{"replicas":5}"#), to: live, as: "b", managed)
        } catch {
            #expect(error.message == #"Apply failed with 1 conflict: conflict with "a": .spec.replicas"#)
            #expect(error.causes.first?.field == ".spec.replicas")
            #expect(error.httpStatus == 409)
        }
    }

    @Test func forceTakesTheFieldOver() throws {
        let (live, managed) = try Self.apply(Self.service(#"{"replicas":3}"#), to: nil, as: "a")
        let (object, after) = try Self.apply(Self.service(#"{"replicas":5}"#), to: live, as: "b", force: true, managed)
        #expect(object["spec"]?["replicas"] == 5)
        let owners = after.entries.filter { $0.fields.paths.contains(FieldPath(fields: "spec", "replicas")) }.map(\.manager)
        #expect(owners == ["b"])
    }

    @Test func applyingTheSameValueSharesOwnership() throws {
        let (live, managed) = try Self.apply(Self.service(#"{"replicas":3}"#), to: nil, as: "a")
        let (_, after) = try Self.apply(Self.service(#"{"replicas":3}"#), to: live, as: "b", managed)
        let owners = after.entries.filter { $0.fields.paths.contains(FieldPath(fields: "spec", "replicas")) }.map(\.manager)
        #expect(owners.sorted() == ["a", "b"])
    }

    @Test func fieldsNoLongerAppliedAreRemovedUnlessSomeoneElseOwnsThem() throws {
        let labels = #"{"app":"web","tier":"front","team":"x"}"#
        let (live, managed) = try Self.apply(Self.service("{}", labels: labels), to: nil, as: "a")
        let (shared, managed2) = try Self.apply(Self.service("{}", labels: #"{"team":"x"}"#), to: live, as: "b", managed)
        let (object, _) = try Self.apply(Self.service("{}", labels: #"{"app":"web"}"#), to: shared, as: "a", managed2)
        #expect(object["metadata"]?["labels"] == ["app": "web", "team": "x"])
    }

    @Test func droppedListItemsAndEmptiedStructsDisappear() throws {
        let (live, managed) = try Self.apply(Self.service(#"{"ports":[{"port":80},{"port":443}],"type":"ClusterIP"}"#), to: nil, as: "a")
        let (fewer, managed2) = try Self.apply(Self.service(#"{"ports":[{"port":80}],"type":"ClusterIP"}"#), to: live, as: "a", managed)
        #expect(fewer["spec"]?["ports"] == json(#"[{"port":80}]"#))
        let bare = json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"}}"#)
        let (object, managed3) = try Self.apply(bare, to: fewer, as: "a", managed2)
        #expect(object["spec"] == nil)
        #expect(object["metadata"]?["labels"] == nil)
        #expect(managed3.entries.isEmpty)
    }

    @Test func listItemsMergeInStructuredMergeDiffOrder() throws {
        let live = Self.service(#"{"ports":[{"port":80,"name":"http"},{"port":443}]}"#)
        let managed = ServerSideApply.update(from: nil, to: live, manager: "creator", managedFields: .init(), schema: Self.schema, time: Self.t0)
        let (object, _) = try Self.apply(Self.service(#"{"ports":[{"port":8080},{"port":80}]}"#), to: live, as: "a", managed)
        #expect(object["spec"]?["ports"] == json(#"[{"port":8080},{"port":80,"name":"http"},{"port":443}]"#))
    }

    /// Merge results in the style of structured-merge-diff's merge tests: live, applied, merged.
    static let merges: [(String, String, String)] = [
        (#"{"set":["a","b","c"]}"#, #"{"set":["c","d","e","f"]}"#, #"{"set":["a","b","c","d","e","f"]}"#),
        (#"{"set":["c","d","e","f"]}"#, #"{"set":["a","c","e"]}"#, #"{"set":["a","c","d","e","f"]}"#),
        (#"{"set":["a","b","c","d"]}"#, #"{"set":["d","e","f","a"]}"#, #"{"set":["b","c","d","e","f","a"]}"#),
        (#"{"set":["a","b","b"]}"#, #"{"set":["b"]}"#, #"{"set":["a","b"]}"#),
        (#"{"set":["a","b"]}"#, #"{"set":[]}"#, #"{"set":["a","b"]}"#),
        (#"{"items":[{"k":"a","v":1},{"k":"b"},{"k":"c"}]}"#, #"{"items":[{"k":"c"},{"k":"a","w":2}]}"#,
         #"{"items":[{"k":"b"},{"k":"c"},{"k":"a","v":1,"w":2}]}"#),
        (#"{"items":[{"k":"a","v":1},{"k":"b"},{"k":"a","v":2}]}"#, #"{"items":[{"k":"a","w":3},{"k":"b"}]}"#,
         #"{"items":[{"k":"a","w":3},{"k":"b"}]}"#),
        (#"{"atomic":["a","b"],"m":{"x":1}}"#, #"{"atomic":["c"],"m":{"y":2}}"#, #"{"atomic":["c"],"m":{"x":1,"y":2}}"#),
    ]

    @Test(arguments: 0..<merges.count)
    func mergesLikeStructuredMergeDiff(_ row: Int) {
        let schema = ApplySchema(fields: [
            "set": ApplySchema(listType: .set),
            "items": ApplySchema(listType: .map(keys: ["k"])),
        ])
        let (live, applied, merged) = Self.merges[row]
        #expect(FieldWalks.merge(json(live), json(applied), schema: schema) == json(merged))
    }

    @Test func updateTakesOverChangedFieldsAndIsNamedWithVersionAndTime() throws {
        let (live, managed) = try Self.apply(Self.service(#"{"replicas":3,"type":"ClusterIP"}"#), to: nil, as: "a")
        var edited = live
        edited["spec"]?["replicas"] = 4
        let afterEdit = ServerSideApply.update(
            from: live, to: edited, manager: "kubectl-edit", managedFields: managed, schema: Self.schema, time: Self.t1)
        let editor = try #require(afterEdit.entries.first { $0.manager == "kubectl-edit" })
        #expect(editor.operation == .update)
        #expect(editor.fields.paths == [FieldPath(fields: "spec", "replicas")])
        let applier = try #require(afterEdit.entries.first { $0.manager == "a" })
        #expect(!applier.fields.paths.contains(FieldPath(fields: "spec", "replicas")))
        do {
            _ = try Self.apply(Self.service(#"{"replicas":3,"type":"ClusterIP"}"#), to: edited, as: "a", afterEdit)
            Issue.record("expected a conflict")
        } catch {
            #expect(error.message
                == #"Apply failed with 1 conflict: conflict with "kubectl-edit" using v1 at 2024-05-01T12:05:00Z: .spec.replicas"#)
        }
    }

    @Test func createByUpdateOwnsMapsAndItemsThemselvesButNotStructs() {
        let created = Self.service(#"{"ports":[{"port":80}]}"#)
        let managed = ServerSideApply.update(from: nil, to: created, manager: "kube-sim", managedFields: .init(), schema: Self.schema)
        let expected = json(#"""
        {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
         "f:spec":{"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}}}}
        """#)
        #expect(managed.entries.first?.fields.fieldsV1 == expected)
    }

    @Test func resetFieldsAreNeitherAppliedNorOwned() throws {
        let config = json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"ClusterIP"},"status":{"x":1}}"#)
        let (object, managed) = try ServerSideApply.apply(
            applied: config, to: nil, manager: "m", force: false, managedFields: .init(), schema: Self.schema,
            resetFields: [FieldPath(fields: "status")])
        #expect(object["status"] == nil)
        #expect(managed.entries.first?.fields.paths == [FieldPath(fields: "spec", "type")])
        let stored = managed.stored(in: object)
        #expect(stored["metadata"]?["managedFields"]?.arrayValue?.first?["manager"] == "m")
        #expect(stored["metadata"]?["name"] == "web")
        #expect(ManagedFieldSet().stored(in: stored)["metadata"]?["managedFields"] == nil)
    }

    @Test func severalConflictsAreGroupedByManager() {
        let conflicts = ApplyConflicts(conflicts: [
            .init(manager: #""a""#, path: FieldPath(fields: "spec", "x")),
            .init(manager: #""a""#, path: FieldPath(fields: "spec", "y")),
            .init(manager: #""b""#, path: FieldPath([.field("spec"), .field("ports"), .key(["port": 80, "protocol": "TCP"]), .field("name")])),
        ])
        #expect(conflicts.message == """
            Apply failed with 3 conflicts: conflicts with "a":
            - .spec.x
            - .spec.y
            conflicts with "b":
            - .spec.ports[port=80,protocol="TCP"].name
            """)
    }

    @Test func fieldsV1OfARealObjectParses() {
        let fields = FieldSet(fieldsV1: json(#"""
        {"f:metadata":{"f:finalizers":{".":{},"v:\"example.com/x\"":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"u1\"}":{}}},
         "f:spec":{"f:selector":{}}}
        """#))
        #expect(fields.paths == [
            FieldPath(fields: "metadata", "finalizers"),
            FieldPath([.field("metadata"), .field("finalizers"), .value("example.com/x")]),
            FieldPath(fields: "metadata", "ownerReferences"),
            FieldPath([.field("metadata"), .field("ownerReferences"), .key(["uid": "u1"])]),
            FieldPath(fields: "spec", "selector"),
        ])
    }

    @Test func crdSchemaGivesListMapKeys() throws {
        let structural = StructuralSchema(json(#"""
        {"type":"object","properties":{"spec":{"type":"object","properties":{
          "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                   "items":{"type":"object","properties":{"name":{"type":"string"},"port":{"type":"integer"}}}},
          "tags":{"type":"array","items":{"type":"string"}}}}}}
        """#))
        let schema = ApplySchema(structural)
        let config = json(#"{"spec":{"ports":[{"name":"http","port":80}],"tags":["a"]}}"#)
        let (_, managed) = try ServerSideApply.apply(
            applied: config, to: nil, manager: "m", force: false, managedFields: .init(), schema: schema)
        #expect(managed.entries.first?.fields.paths == [
            FieldPath([.field("spec"), .field("ports"), .key(["name": "http"])]),
            FieldPath([.field("spec"), .field("ports"), .key(["name": "http"]), .field("name")]),
            FieldPath([.field("spec"), .field("ports"), .key(["name": "http"]), .field("port")]),
            FieldPath(fields: "spec", "tags"),
        ])
    }
}
