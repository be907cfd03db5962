import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim encodings made before the resourceVersion is known")
struct EncodedTemplateTests {
    static let objects: [JSONValue] = [
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"]],
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

    @Test func objectsWithoutMetadataHaveNone() {
        #expect(EncodedTemplate(["kind": "Thing"]) == nil)
        #expect(EncodedTemplate(["metadata": "not an object"]) == nil)
        #expect(EncodedTemplate(.array([])) == nil)
    }
}
