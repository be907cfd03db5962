import PropertyBased
import Testing

@testable import KubeModel

/// Cases modelled on apimachinery's strategicpatch tests, over a schema shaped like their
/// `MergeItem`: `list` merges by `name`, `ints` merges as a set, `plain` is atomic,
/// `replaced` has the replace strategy and `retained` the retainKeys strategy.
@Suite struct PatchStrategicTests {
    static let item: [String: PatchMeta] = [
        "list": .mergeList(key: "name", fields: ["list": .mergeList(key: "name")]),
        "ints": .primitiveSet,
        "replaced": PatchMeta([.replace]),
        "retained": PatchMeta([.retainKeys], fields: ["ints": .primitiveSet]),
        "retainedList": PatchMeta([.merge, .retainKeys], mergeKey: "name"),
    ]
    static let meta = PatchMeta.object(item)

    static let applies: [(String, String, String, String)] = [
        ("null deletes a key; nested maps merge",
         #"{"a":1,"m":{"x":1,"y":2}}"#, #"{"a":null,"m":{"y":null,"z":3}}"#, #"{"m":{"x":1,"z":3}}"#),
        ("merging list merges items by key and appends new ones first",
         #"{"list":[{"name":"1","value":"a"},{"name":"2"}]}"#, #"{"list":[{"name":"1","other":"b"},{"name":"3"}]}"#,
         #"{"list":[{"name":"1","value":"a","other":"b"},{"name":"3"},{"name":"2"}]}"#),
        ("nested merging list inside a merged item",
         #"{"list":[{"name":"1","list":[{"name":"a","v":1}]}]}"#, #"{"list":[{"name":"1","list":[{"name":"a","v":2}]}]}"#,
         #"{"list":[{"name":"1","list":[{"name":"a","v":2}]}]}"#),
        ("$patch delete removes every item with the key",
         #"{"list":[{"name":"1"},{"name":"2"},{"name":"1","value":"dup"}]}"#, #"{"list":[{"$patch":"delete","name":"1"}]}"#,
         #"{"list":[{"name":"2"}]}"#),
        ("$patch replace in a list replaces the list",
         #"{"list":[{"name":"1"},{"name":"2"}]}"#, #"{"list":[{"name":"3"},{"$patch":"replace"}]}"#, #"{"list":[{"name":"3"}]}"#),
        ("$patch replace on a map replaces it",
         #"{"m":{"a":1,"b":2}}"#, #"{"m":{"$patch":"replace","c":3}}"#, #"{"m":{"c":3}}"#),
        ("$patch delete on a map empties it",
         #"{"m":{"a":1}}"#, #"{"m":{"$patch":"delete"}}"#, #"{"m":{}}"#),
        ("primitive set merges without duplicates; patch order wins, live items interleave",
         #"{"ints":[1,2,3]}"#, #"{"ints":[4,2]}"#, #"{"ints":[4,1,2,3]}"#),
        ("$deleteFromPrimitiveList removes the listed primitives",
         #"{"ints":[1,2,3]}"#, #"{"$deleteFromPrimitiveList/ints":[2,9]}"#, #"{"ints":[1,3]}"#),
        ("atomic list is replaced whole",
         #"{"plain":[{"name":"1","value":"a"}]}"#, #"{"plain":[{"name":"1"}]}"#, #"{"plain":[{"name":"1"}]}"#),
        ("replace strategy replaces a map whole",
         #"{"replaced":{"a":1,"b":2}}"#, #"{"replaced":{"b":3}}"#, #"{"replaced":{"b":3}}"#),
        ("retainKeys clears keys not listed",
         #"{"retained":{"a":1,"b":2,"ints":[1]}}"#, #"{"retained":{"$retainKeys":["b","ints"],"ints":[2]}}"#,
         #"{"retained":{"b":2,"ints":[2,1]}}"#),
        ("setElementOrder orders patch and live items",
         #"{"list":[{"name":"1"},{"name":"2","v":1},{"name":"3"}]}"#,
         #"{"$setElementOrder/list":[{"name":"3"},{"name":"2"},{"name":"1"}],"list":[{"name":"2","v":2}]}"#,
         #"{"list":[{"name":"3"},{"name":"2","v":2},{"name":"1"}]}"#),
        ("setElementOrder with deletion and addition keeps kube-apiserver's order",
         #"{"list":[{"name":"1"},{"name":"2","other":"b"},{"name":"4","other":"c"}]}"#,
         #"{"$setElementOrder/list":[{"name":"2"},{"name":"3"}],"list":[{"name":"3"},{"$patch":"delete","name":"1"}]}"#,
         #"{"list":[{"name":"2","other":"b"},{"name":"4","other":"c"},{"name":"3"}]}"#),
        ("new content drops nulls and directives",
         #"{}"#, #"{"m":{"a":null,"b":{"$patch":"delete"},"c":1},"list":[{"name":"1","x":null}]}"#,
         #"{"m":{"c":1},"list":[{"name":"1"}]}"#),
        ("a value of another type replaces the old one",
         #"{"list":"text","s":{"a":1}}"#, #"{"list":[{"name":"1"}],"s":"now a string"}"#,
         #"{"list":[{"name":"1"}],"s":"now a string"}"#),
    ]

    @Test(arguments: 0..<applies.count)
    func appliesLikeApimachinery(_ row: Int) throws {
        let (description, original, patch, result) = Self.applies[row]
        let applied = try StrategicMergePatch.apply(json(patch), to: json(original), meta: Self.meta)
        #expect(applied == json(result), "\(description)")
    }

    static let failures: [(String, String, PatchError)] = [
        (#"{"m":{"a":1}}"#, #"{"m":{"$patch":"nope"}}"#,
         PatchError(.internalError, "unknown patch type: nope in map: map[$patch:nope]")),
        (#"{"list":[{"name":"1"}]}"#, #"{"list":[{"value":"x"}]}"#,
         PatchError(.internalError, "map: map[value:x] does not contain declared merge key: name")),
        (#"{"retained":{"a":1}}"#, #"{"retained":{"$retainKeys":["a"],"b":2}}"#,
         PatchError(.badRequest, "invalid patch format of retainKeys")),
        (#"{"ints":[[1]]}"#, #"{"ints":[[2]]}"#, PatchError(.invalid, "lists of lists are not supported")),
        (#"{"ints":[1]}"#, #"{"$deleteFromPrimitiveList":[1]}"#,
         PatchError(.badRequest, "invalid patch format of primitive list")),
        (#"{"list":[{"name":"1"}]}"#, #"{"list":[{"$patch":"merge"}]}"#,
         PatchError(.internalError, "merging lists cannot yet be specified in the patch")),
    ]

    @Test(arguments: 0..<failures.count)
    func rejectsMalformedDirectives(_ row: Int) {
        let (original, patch, error) = Self.failures[row]
        #expect(throws: error) { try StrategicMergePatch.apply(json(patch), to: json(original), meta: Self.meta) }
    }

    @Test func errorsMapToTheAPIServerStatus() {
        #expect(PatchError(.badRequest, "invalid patch format of retainKeys").httpStatus == 400)
        #expect(PatchError(.invalid, "lists of lists are not supported").httpStatus == 422)
        #expect(PatchError(.internalError, "x").statusMessage == "Internal error occurred: x")
        #expect(StrategicMergePatch.unsupportedForCustomResources.httpStatus == 415)
        #expect(StrategicMergePatch.unsupportedForCustomResources.statusReason == "UnsupportedMediaType")
    }

    @Test func servicePortsMergeByPort() throws {
        let live = json(#"{"metadata":{"name":"web"},"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}"#)
        let patch = json(#"{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":8443}]}}"#)
        let meta = try #require(PatchMeta.builtin(group: "", kind: "Service"))
        let result = try StrategicMergePatch.apply(patch, to: live, meta: meta)
        #expect(result["spec"]?["ports"] == json(#"[{"port":80,"targetPort":9090},{"port":8443},{"port":443}]"#))
    }

    @Test func objectMetaFinalizersAndOwnerReferencesMerge() throws {
        let live = json(#"{"metadata":{"finalizers":["a"],"labels":{"x":"1"},"ownerReferences":[{"uid":"u1","name":"one"}]}}"#)
        let patch = json(#"{"metadata":{"finalizers":["b"],"labels":{"y":"2"},"ownerReferences":[{"uid":"u2","name":"two"}]}}"#)
        let meta = try #require(PatchMeta.builtin(group: "", kind: "ConfigMap"))
        let metadata = try StrategicMergePatch.apply(patch, to: live, meta: meta)["metadata"]
        #expect(metadata?["finalizers"] == ["b", "a"])
        #expect(metadata?["labels"] == ["x": "1", "y": "2"])
        #expect(metadata?["ownerReferences"] == json(#"[{"uid":"u2","name":"two"},{"uid":"u1","name":"one"}]"#))
    }

    @Test func endpointsSubsetsAreReplacedWhole() throws {
        let live = json(#"{"subsets":[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80}]}]}"#)
        let patch = json(#"{"subsets":[{"addresses":[{"ip":"10.0.0.2"}]}]}"#)
        let meta = try #require(PatchMeta.builtin(group: "", kind: "Endpoints"))
        #expect(try StrategicMergePatch.apply(patch, to: live, meta: meta) == patch)
    }

    /// Without merge metadata or directives a strategic merge patch is a JSON merge patch.
    @Test func withoutMetadataItAgreesWithJSONMergePatch() async {
        await propertyCheck(count: 300, input: RandomJSON.document, RandomJSON.document) { original, modified in
            let patch = JSONMergePatch.create(from: original, to: modified) ?? [:]
            #expect((try? StrategicMergePatch.apply(patch, to: original, meta: .none)) == modified)
        }
    }

    @Test func customResourcesGetA415ListingWhatTheyAccept() {
        #expect(StrategicMergePatch.unsupportedForCustomResources.message
            == "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
    }

    @Test func customResourcesHaveNoPatchMeta() {
        #expect(PatchMeta.builtin(group: "vmoperator.vmware.com", kind: "VirtualMachineService") == nil)
        #expect(PatchMeta.builtin(group: "coordination.k8s.io", kind: "Lease") != nil)
    }
}
