import Foundation
import Testing

@testable import KubeModel

/// `JSONObject` behaves as the dictionary it replaced, and keeps its members in key order.
@Suite struct JSONObjectTests {
    /// A copy shares storage until one side changes; an equal value built apart never does.
    @Test func sharedStorageIsTheSameArraysNotEqualContents() {
        let original: JSONValue = ["spec": ["ports": [["port": 80]], "type": "ClusterIP"]]
        var copy = original
        #expect(copy.sharesStorage(with: original))
        #expect(copy["spec"]?["ports"]?.sharesStorage(with: original["spec"]?["ports"] ?? .null) == true)
        copy["spec"]?["type"] = "LoadBalancer"
        #expect(!copy.sharesStorage(with: original))
        #expect(copy["spec"]?["ports"]?.sharesStorage(with: original["spec"]?["ports"] ?? .null) == true)
        let rebuilt: JSONValue = ["spec": ["ports": [["port": 80]], "type": "ClusterIP"]]
        #expect(rebuilt == original)
        #expect(!rebuilt.sharesStorage(with: original))
        #expect(!JSONValue.string("a").sharesStorage(with: .string("a")))
    }

    /// Pairing by key visits every key of either object once, in order, with each side's value.
    @Test func pairingByKeyVisitsTheUnionOfKeysInOrder() {
        let mine: JSONObject = ["a": 1, "c": 3, "d": 4, "f": 6]
        let theirs: JSONObject = ["b": 20, "c": 30, "f": 60, "g": 70]
        var visits: [String] = []
        mine.forEachPairedByKey(with: theirs) { key, left, right in
            #expect(left == mine[key] && right == theirs[key])
            visits.append(key)
        }
        #expect(visits == ["a", "b", "c", "d", "f", "g"])
        var none = 0
        JSONObject().forEachPairedByKey(with: JSONObject()) { _, _, _ in none += 1 }
        #expect(none == 0)
    }

    @Test func membersStaySortedWhateverOrderTheyAreSetIn() {
        var object = JSONObject()
        for key in ["spec", "apiVersion", "status", "metadata", "kind", "a", "zz", "Z"] {
            object[key] = .string(key)
        }
        #expect(Array(object.keys) == ["Z", "a", "apiVersion", "kind", "metadata", "spec", "status", "zz"])
        #expect(object.map(\.value) == object.keys.map { .string($0) })
        #expect(JSONWriter.string(.object(object)).hasPrefix(#"{"Z":"Z","a":"a","apiVersion""#))
    }

    @Test func setReplacesAndNilRemoves() {
        var object: JSONObject = ["b": 1, "a": 2, "c": 3]
        object["b"] = "two"
        object["a"] = nil
        object["missing"] = nil
        #expect(object == ["c": 3, "b": "two"])
        #expect(object.count == 2)
        #expect(object.removeValue(forKey: "c") == 3)
        #expect(object.removeValue(forKey: "c") == nil)
    }

    @Test func aRepeatedKeyKeepsItsLastValueAsInAJSONDocument() throws {
        let parsed = try JSONReader.parse(Array(#"{"b":1,"a":1,"b":2,"a":3,"c":0}"#.utf8))
        #expect(parsed == ["a": 3, "b": 2, "c": 0])
        #expect(JSONObject(unsorted: [("k", 1), ("j", 2), ("k", 3)]) == ["j": 2, "k": 3])
    }

    @Test func equalityAndHashIgnoreTheOrderMembersWereAddedIn() {
        let one: JSONObject = ["x": ["n": 1, "m": [true, .null]], "y": "s"]
        var other = JSONObject()
        other["y"] = "s"
        other["x"] = ["m": [true, .null], "n": 1]
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        other["x"]?["n"] = 2
        #expect(one != other)
        #expect(JSONObject(["y": "s", "x": ["n": 1, "m": [true, .null]]]) == one)
    }

    @Test func dictionaryOperationsKeepKeyOrder() {
        let object: JSONObject = ["c": 3, "a": 1, "b": .null]
        #expect(object.filter { $0.value != .null } == ["a": 1, "c": 3])
        #expect(object.mapValues { $0 == .null ? 0 : $0 } == ["a": 1, "b": 0, "c": 3])
        #expect(object.compactMapValues { $0 == .null ? nil : $0 } == ["a": 1, "c": 3])
        #expect(object.compactMapValues(\.intValue) == ["a": 1, "c": 3])
        #expect(Array(object.values) == [1, .null, 3])
    }

    @Test func codableRoundTripThroughFoundation() throws {
        let object: JSONObject = ["name": "vm-1", "labels": ["app": "web"], "count": 2]
        let data = try JSONEncoder().encode(object)
        #expect(try JSONDecoder().decode(JSONObject.self, from: data) == object)
        #expect(try JSONReader.parse(Array(data)) == .object(object))
    }
}
