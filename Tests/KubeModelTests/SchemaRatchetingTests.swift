import Testing

@testable import KubeModel

/// Validation ratcheting on update (`CRDValidationRatcheting`): errors in values equal to the
/// values they correlate with in the old object are dropped; everything else is checked.
@Suite struct SchemaRatchetingTests {
    static let schema = SchemaStructuralTests.schema

    static func errors(new: String, old: String?) -> [String] {
        schema.validate(SchemaStructuralTests.object(spec: new), old: old.map(SchemaStructuralTests.object(spec:)))
            .map(\.description)
    }

    @Test func anUnchangedInvalidValueNoLongerBlocksAnUpdateElsewhere() {
        let old = #"{"type":"ClusterIP","replicas":10}"#
        let new = #"{"type":"ClusterIP","replicas":10,"name":"ok"}"#
        #expect(Self.errors(new: new, old: nil) == ["spec.replicas: Invalid value: 10: spec.replicas in body should be less than 10"])
        #expect(Self.errors(new: new, old: old) == [])
    }

    @Test func aChangedValueIsHeldToTheSchemaEvenIfTheOldOneWasInvalidToo() {
        #expect(Self.errors(new: #"{"type":"ClusterIP","replicas":11}"#, old: #"{"type":"ClusterIP","replicas":10}"#)
            == ["spec.replicas: Invalid value: 11: spec.replicas in body should be less than 10"])
        #expect(Self.errors(new: #"{"type":"ClusterIP","replicas":10}"#, old: #"{"type":"ClusterIP","replicas":3}"#)
            == ["spec.replicas: Invalid value: 10: spec.replicas in body should be less than 10"])
    }

    /// `required` belongs to the object that lacks the key: once that object changes, the
    /// missing key is reported even though it was missing before.
    @Test func aRequiredKeyMissingBeforeIsReportedOnceItsObjectChanges() {
        #expect(Self.errors(new: #"{"name":"ok"}"#, old: #"{"name":"ab"}"#) == ["spec.type: Required value"])
        #expect(Self.errors(new: #"{"name":"ok"}"#, old: #"{"name":"ok"}"#) == [])
    }

    @Test func mapListElementsCorrelateByTheirKeysWhereverTheyMove() {
        let old = #"{"type":"ClusterIP","ports":[{"port":80},{"port":70000,"protocol":"UDP"}]}"#
        let moved = #"{"type":"ClusterIP","ports":[{"port":70000,"protocol":"UDP"},{"port":80},{"port":443}]}"#
        #expect(Self.errors(new: moved, old: old) == [])
        // The element changed, its port did not.
        let named = #"{"type":"ClusterIP","ports":[{"port":70000,"protocol":"UDP","name":"x"}]}"#
        #expect(Self.errors(new: named, old: old) == [])
        // Another port is another key: nothing to correlate with.
        let other = #"{"type":"ClusterIP","ports":[{"port":70001,"protocol":"UDP"}]}"#
        #expect(Self.errors(new: other, old: old)
            == ["spec.ports[0].port: Invalid value: 70001: spec.ports[0].port in body should be less than or equal to 65535"])
    }

    /// Items of an atomic list have no old counterpart: changing the list re-checks them all.
    @Test func atomicListItemsAreRecheckedWhenTheListChanges() {
        let old = #"{"type":"ClusterIP","tags":["a","a"]}"#
        #expect(Self.errors(new: old, old: old) == [])
        #expect(Self.errors(new: #"{"type":"ClusterIP","tags":["a","a","b"]}"#, old: old) == [
            "spec.tags: Too many: 3: must have at most 2 items",
            #"spec.tags: Invalid value: "": spec.tags in body shouldn't contain duplicates"#,
        ])
    }

    /// The list-type checks ratchet as a whole: an old object that already fails them lets
    /// any update through; one that passes them does not.
    @Test func listTypeChecksRatchetOnTheWholeObject() {
        let duplicated = #"{"type":"ClusterIP","ips":["1.1.1.1","1.1.1.1"],"ports":[{"port":80},{"port":80}]}"#
        let worse = #"{"type":"ClusterIP","ips":["1.1.1.1","1.1.1.1","2.2.2.2","2.2.2.2"],"ports":[{"port":80},{"port":80}]}"#
        #expect(Self.errors(new: worse, old: duplicated) == [])
        #expect(Self.errors(new: worse, old: #"{"type":"ClusterIP"}"#) == [
            #"spec.ips[1]: Duplicate value: "1.1.1.1""#,
            #"spec.ips[3]: Duplicate value: "2.2.2.2""#,
            #"spec.ports[1]: Duplicate value: map[string]interface {}{"port":80}"#,
        ])
    }

    /// Both objects were converted to one version, so the root's `kind` and `apiVersion` do not
    /// correlate and are always checked.
    @Test func theRootTypeMetaIsAlwaysChecked() {
        let strict = StructuralSchema(json(#"""
        {"type":"object","properties":{"kind":{"type":"string","enum":["X"]},"spec":{"type":"object"}}}
        """#))
        let old = json(#"{"kind":"Y","spec":{"a":1}}"#)
        #expect(strict.validate(json(#"{"kind":"Y","spec":{"a":2}}"#), old: old).map(\.description)
            == [#"kind: Unsupported value: "Y": supported values: "X""#])
        #expect(strict.validate(json(#"{"kind":"Y","spec":{"a":2},"other":{"kind":"Y"}}"#), old: json(#"{"kind":"Y"}"#)).count == 1)
    }
}
