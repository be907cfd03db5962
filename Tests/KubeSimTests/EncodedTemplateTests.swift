import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim encodings made before the resourceVersion is known")
struct EncodedTemplateTests {
    static let objects: [JSONValue] = [
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"]],
        // The resourceVersion goes first, or alone.
        ["kind": "ConfigMap", "metadata": ["uid": "u", "zz": 1]],
        ["metadata": [:]],
        [
            "apiVersion": "example.com/v1", "kind": "Widget",
            "metadata": [
                "name": "w", "namespace": "default", "resourceVersion": "41",
                "annotations": ["resourceVersion": "", "note": "quote \" and <tag> & \n"],
                "managedFields": [["manager": "m", "fieldsV1": ["f:metadata": ["f:resourceVersion": [:]]]]],
                "uid": "u", "zzz": 1.5,
            ],
            "spec": ["ref": ["resourceVersion": ""], "items": [1, "two", .null, true]], "status": .null,
        ],
    ]

    @Test func joinedAroundARevisionItIsTheObjectsEncodingWithThatResourceVersion() throws {
        for object in Self.objects {
            let template = try #require(EncodedTemplate(object))
            for revision in [1, 42, 1_234_567_890] {
                var stored = object
                stored.setMetadata("resourceVersion", .string(String(revision)))
                #expect(template.bytes(revision: revision) == JSONWriter.bytes(stored))
            }
        }
    }

    /// The encoding of `object` stored at `revision`, as a commit leaves it.
    static func stored(_ object: JSONValue, revision: Int) throws -> (object: JSONValue, layout: EncodedLayout) {
        var stored = object
        stored.setMetadata("resourceVersion", .string(String(revision)))
        let template = try #require(EncodedTemplate(object))
        let layout = template.layout(of: EncodedObject(revision: revision, bytes: template.bytes(revision: revision)))
        return (stored, layout)
    }

    static let edits: [@Sendable (inout JSONValue) -> Void] = [
        { _ in },
        { $0["spec"]?["items"] = [1, 2] },
        { $0["metadata"]?["annotations"]?["note"] = "changed" },
        { $0["metadata"]?["annotations"] = nil },
        { $0.setMetadata("labels", ["new": "label"]) },
        { $0["status"] = ["phase": "Ready"] },
        { $0["spec"] = nil },
        { $0["kind"] = "Gadget" },
    ]

    @Test func reusingThePreviousEncodingGivesTheSameBytes() throws {
        let object = Self.objects[3]
        for (index, edit) in Self.edits.enumerated() {
            for (before, after) in [(7, 8), (9, 10), (99, 100), (1_000, 1_001)] {
                let previous = try Self.stored(object, revision: before)
                var changed = previous.object
                edit(&changed)
                let template = try #require(EncodedTemplate(changed, reusing: previous))
                var expected = changed
                expected.setMetadata("resourceVersion", .string(String(after)))
                #expect(template.bytes(revision: after) == JSONWriter.bytes(expected), "edit \(index), \(before) → \(after)")
                // And the layout it leaves serves the write after.
                let next = template.layout(of: EncodedObject(revision: after, bytes: template.bytes(revision: after)))
                var again = expected
                again["metadata"]?["annotations"] = ["note": "again"]
                let third = try #require(EncodedTemplate(again, reusing: (expected, next)))
                var thirdExpected = again
                thirdExpected.setMetadata("resourceVersion", "2000")
                #expect(third.bytes(revision: 2000) == JSONWriter.bytes(thirdExpected), "edit \(index) then again")
            }
        }
    }

    @Test func objectsWithoutMetadataHaveNone() {
        #expect(EncodedTemplate(["kind": "Thing"]) == nil)
        #expect(EncodedTemplate(["metadata": "not an object"]) == nil)
        #expect(EncodedTemplate(.array([])) == nil)
    }
}
