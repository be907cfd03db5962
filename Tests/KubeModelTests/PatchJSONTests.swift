import Foundation
import Testing

@testable import KubeModel

/// Parses a JSON literal used in a test table.
func json(_ text: String) -> JSONValue {
    (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string("unparseable test JSON: \(text)")
}

@Suite struct PatchJSONTests {
    /// Cases from evanphx/json-patch's patch_test.go: document, patch, result.
    static let applies: [(String, String, String)] = [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/-1","value":"qux"}]"#, #"{"foo":["bar","baz","qux"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        (#"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
         #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
         #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
         #"{"foo":["all","cows","eat","grass"]}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
         #"{"foo":"bar","child":{"grandchild":{}}}"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        (#"{"foo":"bar","qux":{"baz":1,"bar":null}}"#, #"[{"op":"remove","path":"/qux/bar"}]"#, #"{"foo":"bar","qux":{"baz":1}}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":null}]"#, #"{"baz":null,"foo":"bar"}"#),
        (#"[{"foo":["bar","qux","baz"]}]"#, #"[{"op":"replace","path":"/0/foo/0","value":"bum"}]"#, #"[{"foo":["bum","qux","baz"]}]"#),
        (#"[{"foo":["bar","qux","baz"],"bar":["qux","baz"]}]"#, #"[{"op":"copy","from":"/0/foo/0","path":"/0/bar/0"}]"#,
         #"[{"foo":["bar","qux","baz"],"bar":["bar","qux","baz"]}]"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"copy","path":"/foo/0","from":"/foo"}]"#, #"{"foo":[["bar"],"bar"]}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/-2"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"bar":[{"baz":1}]}"#, #"[{"op":"replace","path":"/bar/0/baz","value":null}]"#, #"{"bar":[{"baz":null}]}"#),
        (#"{"id":"0","parentID":"0"}"#,
         #"[{"op":"test","path":"","value":{"id":"0","parentID":"0"}},{"op":"replace","path":"","value":{"id":"1"}}]"#,
         #"{"id":"1"}"#),
        (#"{"a/b":{"m~n":1}}"#, #"[{"op":"replace","path":"/a~1b/m~0n","value":2}]"#, #"{"a/b":{"m~n":2}}"#),
        // v4 quirk kube-apiserver keeps: replace of a missing object key adds it.
        (#"{"metadata":{}}"#, #"[{"op":"replace","path":"/metadata/labels","value":{"a":"b"}}]"#,
         #"{"metadata":{"labels":{"a":"b"}}}"#),
        (#"{"baz":[]}"#, #"[{"op":"test","path":"/foo"}]"#, #"{"baz":[]}"#),
    ]

    @Test(arguments: 0..<applies.count)
    func appliesEvanphxCases(_ row: Int) throws {
        let (doc, patch, result) = Self.applies[row]
        #expect(try JSONPatch.apply(json(patch), to: json(doc)) == json(result))
    }

    /// Failing cases with the exact message evanphx/json-patch v4 gives.
    static let failures: [(String, String, String)] = [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#,
         #"add operation does not apply: doc is missing path: "/baz/bat": missing value"#),
        (#"{"a":{"b":{"d":1}}}"#, #"[{"op":"remove","path":"/a/b/c"}]"#,
         "error in remove for path: '/a/b/c': Unable to remove nonexistent key: c: missing value"),
        (#"{"a":{"b":[1]}}"#, #"[{"op":"remove","path":"/a/b/1"}]"#,
         "error in remove for path: '/a/b/1': Unable to access invalid index: 1: invalid index referenced"),
        (#"{"foo":"bar"}"#, #"[{"op":"add","pathz":"/baz","value":"qux"}]"#,
         "add operation failed to decode path: operation missing path field: missing value"),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"","value":"qux"}]"#,
         #"add operation does not apply: doc is missing path: "": missing value"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"replace","path":"/foo/2","value":"bum"}]"#,
         "replace operation does not apply: doc is missing key: /foo/2: missing value"),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/-4","value":"bum"}]"#,
         "error in add for path: '/foo/-4': Unable to access invalid index: -4: invalid index referenced"),
        (#"{"name":{"foo":"bat"}}"#, #"[{"op":"replace","path":"/foo/bar","value":"baz"}]"#,
         "replace operation does not apply: doc is missing path: /foo/bar: missing value"),
        (#"{"foo":[]}"#, #"[{"op":"remove","path":"/foo/-"}]"#,
         "error in remove for path: '/foo/-': Unable to access invalid index: -: invalid index referenced"),
        (#"{}"#, #"[{"op":null,"path":""}]"#, "Unexpected kind: unknown"),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/4"}]"#,
         "error in add for path: '/foo/4': Unable to access invalid index: 4: invalid index referenced"),
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, "testing value /baz failed: test failed"),
        (#"{"foo":{}}"#, #"[{"op":"test","path":"/foo","value":null}]"#, "testing value /foo failed: test failed"),
        (#"{"foo":[]}"#, #"[{"op":"test","path":"/foo"}]"#, "testing value /foo failed: test failed"),
    ]

    @Test(arguments: 0..<failures.count)
    func rejectsEvanphxBadCases(_ row: Int) {
        let (doc, patch, message) = Self.failures[row]
        #expect(throws: PatchError(.invalid, message)) {
            try JSONPatch.apply(json(patch), to: json(doc))
        }
    }

    @Test func failedOperationIsA422WithTheGenericMessage() {
        let error = PatchError(.invalid, "testing value /baz failed: test failed")
        #expect(error.httpStatus == 422)
        #expect(error.statusReason == "Invalid")
        #expect(error.statusMessage == "the server rejected our request due to an error in our request")
    }

    @Test func patchThatIsNotAListIsABadRequest() {
        #expect(throws: PatchError(.badRequest, "json: cannot unmarshal object into Go value of type jsonpatch.Patch")) {
            try JSONPatch.apply(["op": "add"], to: [:])
        }
        #expect(throws: PatchError(.badRequest, "json: cannot unmarshal string into Go value of type jsonpatch.Operation")) {
            try JSONPatch.apply(["add"], to: [:])
        }
        #expect(PatchError(.badRequest, "x").httpStatus == 400)
    }

    @Test func tooManyOperationsIsRejectedBeforeAnyApplies() {
        let op: JSONValue = ["op": "add", "path": "/a", "value": 1]
        let patch = JSONValue.array(Array(repeating: op, count: JSONPatch.maxOperations + 1))
        #expect(throws: PatchError(.requestEntityTooLarge, "The allowed maximum operations in a JSON patch is 10000, got 10001")) {
            try JSONPatch.apply(patch, to: [:])
        }
    }

    @Test func failingOperationLeavesNoPartialResult() throws {
        let doc = json(#"{"a":1}"#)
        let patch = json(#"[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":3}]"#)
        #expect(throws: PatchError.self) { try JSONPatch.apply(patch, to: doc) }
        #expect(doc == json(#"{"a":1}"#))
    }

    @Test func pointerEscapesRoundTrip() {
        let pointer = JSONPointer(tokens: ["a/b", "m~n", "", "-"])
        #expect(pointer.description == "/a~1b/m~0n//-")
        #expect(JSONPointer(pointer.description) == pointer)
        #expect(JSONPointer("/~01")?.tokens == ["~1"])
        #expect(JSONPointer("a/b") == nil)
    }
}
