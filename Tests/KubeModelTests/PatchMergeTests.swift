import PropertyBased
import Testing

@testable import KubeModel

@Suite struct PatchMergeTests {
    /// RFC 7386 appendix A, row by row: original, patch, result.
    static let rfcExamples: [(JSONValue, JSONValue, JSONValue)] = [
        (["a": "b"], ["a": "c"], ["a": "c"]),
        (["a": "b"], ["b": "c"], ["a": "b", "b": "c"]),
        (["a": "b"], ["a": .null], [:]),
        (["a": "b", "b": "c"], ["a": .null], ["b": "c"]),
        (["a": ["b"]], ["a": "c"], ["a": "c"]),
        (["a": "c"], ["a": ["b"]], ["a": ["b"]]),
        (["a": ["b": "c"]], ["a": ["b": "d", "c": .null]], ["a": ["b": "d"]]),
        (["a": [["b": "c"]]], ["a": [1]], ["a": [1]]),
        (["a", "b"], ["c", "d"], ["c", "d"]),
        (["a": "b"], ["c"], ["c"]),
        (["a": "foo"], .null, .null),
        (["a": "foo"], "bar", "bar"),
        (["e": .null], ["a": 1], ["e": .null, "a": 1]),
        ([1, 2], ["a": "b", "c": .null], ["a": "b"]),
        ([:], ["a": ["bb": ["ccc": .null]]], ["a": ["bb": [:]]]),
    ]

    @Test(arguments: 0..<rfcExamples.count)
    func appliesTheRFCExamples(_ row: Int) {
        let (original, patch, result) = Self.rfcExamples[row]
        #expect(JSONMergePatch.apply(patch, to: original) == result)
    }

    @Test func apiServerVariantAgreesWithTheRFCOnItsExamples() throws {
        for (original, patch, result) in Self.rfcExamples where patch.objectValue != nil || patch.arrayValue != nil {
            #expect(try JSONMergePatch.applyAsAPIServer(patch, to: original) == result)
        }
    }

    @Test func apiServerVariantKeepsEvanphxQuirks() throws {
        #expect(throws: PatchError(.badRequest, "Invalid JSON Patch")) { try JSONMergePatch.applyAsAPIServer("x", to: [:]) }
        #expect(throws: PatchError(.badRequest, "Invalid JSON Patch")) { try JSONMergePatch.applyAsAPIServer(.null, to: [:]) }
        // Objects inside a list put under a new key lose their nulls (RFC 7386 keeps the list as sent)...
        #expect(try JSONMergePatch.applyAsAPIServer(["a": [["x": .null, "y": 1]]], to: [:]) == ["a": [["y": 1]]])
        #expect(JSONMergePatch.apply(["a": [["x": .null, "y": 1]]], to: [:]) == ["a": [["x": .null, "y": 1]]])
        // ...but not when the list replaces an object.
        #expect(try JSONMergePatch.applyAsAPIServer(["a": [["x": .null]]], to: ["a": ["b": 1]]) == ["a": [["x": .null]]])
    }

    @Test func createIsNilForEqualDocuments() {
        let doc: JSONValue = ["spec": ["ports": [["port": 80]]], "metadata": ["name": "a"]]
        #expect(JSONMergePatch.create(from: doc, to: doc) == nil)
    }

    @Test func createSendsOnlyTheDifference() {
        let original: JSONValue = [
            "metadata": ["name": "web", "labels": ["app": "web", "tier": "front"]],
            "spec": ["ports": [["port": 80], ["port": 443]], "type": "ClusterIP"],
        ]
        let modified: JSONValue = [
            "metadata": ["name": "web", "labels": ["app": "web", "team": "a"]],
            "spec": ["ports": [["port": 80]], "type": "ClusterIP"],
        ]
        let expected: JSONValue = [
            "metadata": ["labels": ["tier": .null, "team": "a"]],
            "spec": ["ports": [["port": 80]]],
        ]
        #expect(JSONMergePatch.create(from: original, to: modified) == expected)
    }

    @Test func createReplacesWhenTheTopLevelIsNotAnObject() {
        #expect(JSONMergePatch.create(from: [1, 2], to: [1]) == [1])
        #expect(JSONMergePatch.create(from: "a", to: ["k": "v"]) == ["k": "v"])
    }

    @Test func applyOfCreateReproducesTheModifiedDocument() async {
        await propertyCheck(count: 300, input: RandomJSON.document, RandomJSON.document) { original, modified in
            let patch = JSONMergePatch.create(from: original, to: modified)
            #expect(JSONMergePatch.apply(patch ?? [:], to: original) == modified)
            #expect((try? JSONMergePatch.applyAsAPIServer(patch ?? [:], to: original)) == modified)
            if let patch { #expect(patch != [:]) }
        }
    }
}

/// Random JSON documents for property tests.
///
/// Objects never hold `null` members: RFC 7386 reads a `null` as "delete", so such documents
/// cannot be reached by any merge patch. Nulls still appear inside arrays.
enum RandomJSON {
    static let document = Generator<JSONValue, Shrink.None<JSONValue>> { rng in
        object(depth: 3, using: &rng)
    }

    static func object(depth: Int, using rng: inout any SeededRandomNumberGenerator) -> JSONValue {
        var members = JSONObject()
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let key = ["a", "b", "c", "d", "e"].randomElement(using: &rng) ?? "a"
            members[key] = value(depth: depth - 1, allowNull: false, using: &rng)
        }
        return .object(members)
    }

    static func value(depth: Int, allowNull: Bool, using rng: inout any SeededRandomNumberGenerator) -> JSONValue {
        let choice = Int.random(in: 0...(depth > 0 ? 6 : 4), using: &rng)
        switch choice {
        case 0: return allowNull ? .null : .bool(Bool.random(using: &rng))
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(Double(Int.random(in: -3...3, using: &rng)))
        case 3: return .string(["x", "y", ""].randomElement(using: &rng) ?? "x")
        case 4, 5: return object(depth: depth, using: &rng)
        default:
            return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in
                value(depth: depth - 1, allowNull: true, using: &rng)
            })
        }
    }
}
