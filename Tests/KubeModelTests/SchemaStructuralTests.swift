import Testing

@testable import KubeModel

@Suite struct SchemaStructuralTests {
    /// A CRD schema in the shape of VirtualMachineService's, with every constraint we check.
    static let schema = StructuralSchema(json(#"""
    {"type":"object","properties":{
      "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
      "spec":{"type":"object","required":["type"],"properties":{
        "type":{"type":"string","enum":["ClusterIP","LoadBalancer"]},
        "replicas":{"type":"integer","minimum":0,"exclusiveMaximum":true,"maximum":10,"default":1},
        "ratio":{"type":"number","multipleOf":0.5},
        "name":{"type":"string","minLength":2,"maxLength":5,"pattern":"^[a-z]+$"},
        "target":{"x-kubernetes-int-or-string":true},
        "note":{"type":"string","nullable":true},
        "size":{"anyOf":[{"type":"integer"},{"type":"string","pattern":"^[0-9]+Gi$"}],"x-kubernetes-int-or-string":true},
        "mode":{"type":"string","oneOf":[{"enum":["a","b"]},{"enum":["b","c"]}],"not":{"enum":["c"]}},
        "weight":{"type":"integer","format":"int32"},
        "since":{"type":"string","format":"date-time"},
        "selector":{"type":"object","additionalProperties":{"type":"string"}},
        "tags":{"type":"array","items":{"type":"string"},"maxItems":2,"minItems":1,"uniqueItems":true},
        "ips":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
        "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["port","protocol"],
          "items":{"type":"object","required":["port"],"properties":{
            "port":{"type":"integer","maximum":65535,"minimum":1},
            "protocol":{"type":"string","default":"TCP"},
            "name":{"type":"string"}}}},
        "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{
          "known":{"type":"object","properties":{"a":{"type":"string"}}}}},
        "template":{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}
      }}}}
    """#))

    static func object(spec: String) -> JSONValue {
        json(#"{"apiVersion":"v1","kind":"X","metadata":{"name":"a"},"spec":"# + spec + "}")
    }

    static let messages: [(String, [String])] = [
        (#"{"type":"ClusterIP"}"#, []),
        (#"{"type":"NodePort"}"#, [#"spec.type: Unsupported value: "NodePort": supported values: "ClusterIP", "LoadBalancer""#]),
        (#"{}"#, ["spec.type: Required value"]),
        (#"{"type":"ClusterIP","ports":[{"port":100000}]}"#,
         ["spec.ports[0].port: Invalid value: 100000: spec.ports[0].port in body should be less than or equal to 65535"]),
        (#"{"type":"ClusterIP","ports":[{"port":0}]}"#,
         ["spec.ports[0].port: Invalid value: 0: spec.ports[0].port in body should be greater than or equal to 1"]),
        (#"{"type":"ClusterIP","replicas":"two"}"#,
         [#"spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string""#]),
        (#"{"type":"ClusterIP","replicas":1.5}"#,
         [#"spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number""#]),
        (#"{"type":"ClusterIP","replicas":10}"#,
         ["spec.replicas: Invalid value: 10: spec.replicas in body should be less than 10"]),
        (#"{"type":"ClusterIP","ratio":0.75}"#,
         ["spec.ratio: Invalid value: 0.75: spec.ratio in body should be a multiple of 0.5"]),
        (#"{"type":"ClusterIP","name":"a"}"#,
         [#"spec.name: Invalid value: "a": spec.name in body should be at least 2 chars long"#]),
        (#"{"type":"ClusterIP","name":"abcdef"}"#, ["spec.name: Too long: may not be more than 5 bytes"]),
        (#"{"type":"ClusterIP","name":"AB"}"#,
         [#"spec.name: Invalid value: "AB": spec.name in body should match '^[a-z]+$'"#]),
        (#"{"type":"ClusterIP","target":true}"#,
         [#"spec.target: Invalid value: "boolean": spec.target in body must be of type integer,string: "boolean""#]),
        (#"{"type":"ClusterIP","target":8080,"note":null}"#, []),
        (#"{"type":"ClusterIP","size":3,"mode":"a"}"#, []),
        (#"{"type":"ClusterIP","size":"3Mi"}"#,
         [#": Invalid value: "": "spec.size" must validate at least one schema (anyOf)"#,
          #"spec.size: Invalid value: "3Mi": spec.size in body should match '^[0-9]+Gi$'"#]),
        (#"{"type":"ClusterIP","mode":"b"}"#,
         [#": Invalid value: "": "spec.mode" must validate one and only one schema (oneOf). Found 2 valid alternatives"#]),
        (#"{"type":"ClusterIP","mode":"c"}"#, [#": Invalid value: "": "spec.mode" must not validate the schema (not)"#]),
        (#"{"type":"ClusterIP","weight":2147483648}"#,
         [#": Invalid value: "": Checked value must be of type integer with format int32 in spec.weight"#]),
        (#"{"type":"ClusterIP","weight":2147483647,"since":"2024-05-01T12:00:00.5+02:00"}"#, []),
        (#"{"type":"ClusterIP","since":"yesterday"}"#,
         [#"spec.since: Invalid value: "yesterday": spec.since in body must be of type date-time: "yesterday""#]),
        (#"{"type":null}"#,
         [#"spec.type: Invalid value: "null": spec.type in body must be of type string: "null""#,
          #"spec.type: Unsupported value: "null": supported values: "ClusterIP", "LoadBalancer""#]),
        (#"{"type":"ClusterIP","selector":{"app":1}}"#,
         [#"spec.selector.app: Invalid value: "integer": spec.selector.app in body must be of type string: "integer""#]),
        (#"{"type":"ClusterIP","tags":["a","b","c"]}"#, ["spec.tags: Too many: 3: must have at most 2 items"]),
        (#"{"type":"ClusterIP","tags":[]}"#, ["spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items"]),
        (#"{"type":"ClusterIP","tags":["a","a"]}"#,
         [#"spec.tags: Invalid value: "": spec.tags in body shouldn't contain duplicates"#]),
        (#"{"type":"ClusterIP","ips":["1.1.1.1","1.1.1.1"]}"#, [#"spec.ips[1]: Duplicate value: "1.1.1.1""#]),
        (#"{"type":"ClusterIP","ports":[{"port":80,"protocol":"TCP"},{"port":80,"protocol":"UDP"},{"port":80,"protocol":"TCP"}]}"#,
         [#"spec.ports[2]: Duplicate value: map[string]interface {}{"port":80, "protocol":"TCP"}"#]),
        (#"{"type":"ClusterIP","template":{"kind":"Pod","spec":{}}}"#, ["spec.template.apiVersion: Required value"]),
        (#"{"type":"ClusterIP","template":{"apiVersion":"a/b/c","kind":"Pod_x"}}"#,
         [#"spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c"#,
          #"spec.template.kind: Invalid value: "Pod_x": may have mixed case, but should otherwise match: "#
            + "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
            + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
            + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]),
    ]

    @Test(arguments: 0..<messages.count)
    func reportsWhatApiextensionsReports(_ row: Int) {
        let (spec, expected) = Self.messages[row]
        #expect(Self.schema.validate(Self.object(spec: spec)).map(\.description) == expected)
    }

    @Test func defaultsFillMissingFieldsInsideListItems() {
        let object = Self.object(spec: #"{"type":"ClusterIP","ports":[{"port":80},{"port":53,"protocol":"UDP"}]}"#)
        let defaulted = Self.schema.applyDefaults(object)
        #expect(defaulted["spec"]?["replicas"] == 1)
        #expect(defaulted["spec"]?["ports"] == json(#"[{"port":80,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]"#))
    }

    @Test func defaultsReplaceForbiddenNullsAndDropOthers() {
        let object = Self.object(spec: #"{"type":"ClusterIP","replicas":null,"name":null,"note":null}"#)
        let spec = Self.schema.applyDefaults(object)["spec"]
        #expect(spec?["replicas"] == 1)
        #expect(spec?["name"] == nil)
        #expect(spec?["note"] == .null)
    }

    @Test func defaultsApplyToNewlyDefaultedObjects() {
        let schema = StructuralSchema(json(#"""
        {"type":"object","properties":{"spec":{"type":"object","default":{},
          "properties":{"size":{"type":"integer","default":3}}}}}
        """#))
        #expect(schema.applyDefaults([:]) == ["spec": ["size": 3]])
    }

    @Test func nullDefaultIsNoDefault() {
        let schema = StructuralSchema(json(#"{"type":"object","properties":{"a":{"type":"string","nullable":true,"default":null}}}"#))
        #expect(schema.properties["a"]?.defaultValue == nil)
        #expect(schema.applyDefaults([:]) == [:])
    }

    @Test func pruneDropsUnknownFieldsAndReportsTheirPaths() {
        let object = Self.object(spec: #"""
        {"type":"ClusterIP","foo":1,"ports":[{"port":80,"bar":true}],
         "extra":{"kept":1,"known":{"a":"x","gone":2}},
         "template":{"apiVersion":"v1","kind":"Pod","metadata":{"anything":1},"spec":{"x":1}}}
        """#)
        let (pruned, unknown) = Self.schema.prune(object)
        #expect(unknown == ["spec.extra.known.gone", "spec.foo", "spec.ports[0].bar"])
        #expect(pruned["spec"]?["foo"] == nil)
        #expect(pruned["spec"]?["ports"] == json(#"[{"port":80}]"#))
        #expect(pruned["spec"]?["extra"] == json(#"{"kept":1,"known":{"a":"x"}}"#))
        #expect(pruned["spec"]?["template"] == object["spec"]?["template"])
        #expect(pruned["metadata"] == ["name": "a"])
    }

    @Test func prunedObjectIsUnchangedByASecondPrune() {
        let object = Self.object(spec: #"{"type":"ClusterIP","foo":{"bar":1},"ports":[{"port":80,"x":1}]}"#)
        let once = Self.schema.prune(object).object
        let twice = Self.schema.prune(once)
        #expect(twice.object == once)
        #expect(twice.unknownFields.isEmpty)
    }

    /// With the stored object made by the same schema, a write's pruning and defaulting skip
    /// the subtrees it shares with that object and give what a walk of the whole would give.
    @Test func subtreesSharedWithTheStoredObjectAreSkippedWithTheSameResult() {
        let schema = Self.schema
        let stored = schema.applyDefaults(schema.prune(Self.object(spec: #"{"type":"ClusterIP","ports":[{"port":80}],"extra":{"known":{"a":"x"}}}"#)).object)
        var written = stored
        written["spec"]?["name"] = "new"
        written["spec"]?["bogus"] = true
        written["spec"]?["ports"] = [["port": 81]]
        let (pruned, unknown) = schema.prune(written, unchangedFrom: stored)
        #expect(pruned == schema.prune(written).object)
        #expect(unknown == ["spec.bogus"])
        #expect(schema.applyDefaults(pruned, unchangedFrom: stored) == schema.applyDefaults(pruned))
        #expect(schema.applyDefaults(pruned)["spec"]?["ports"] == [["port": 81, "protocol": "TCP"]])
    }

    /// The skip trusts the caller: a shared subtree is not looked at, so one holding what this
    /// schema would prune or default (an object stored under an older schema) stays as it is.
    /// kube-sim passes the stored object only when this very schema made it.
    @Test func aSharedSubtreeIsNotLookedAt() {
        let unprocessed = Self.object(spec: #"{"type":"ClusterIP","bogus":1,"ports":[{"port":80}]}"#)
        var written = unprocessed
        written["metadata"]?["labels"] = ["a": "b"]
        #expect(Self.schema.prune(written, unchangedFrom: unprocessed).unknownFields.isEmpty)
        #expect(Self.schema.applyDefaults(written, unchangedFrom: unprocessed)["spec"] == unprocessed["spec"])
        #expect(Self.schema.prune(written).unknownFields == ["spec.bogus"])
    }

    @Test func strictAndWarnTextsMatchTheAPIServer() {
        #expect(StructuralSchema.strictDecodingMessage(["spec.foo", "spec.bar"])
            == #"strict decoding error: unknown field "spec.foo", unknown field "spec.bar""#)
        #expect(StructuralSchema.unknownFieldWarning("spec.foo") == #"unknown field "spec.foo""#)
    }
}
