import Foundation
import Testing

@testable import KubeModel

/// `JSONValueEncoder` gives the tree `JSONEncoder` + `JSONReader` give.
@Suite struct JSONValueEncoderTests {
    static func viaBytes<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONReader.parse(Array(JSONEncoder().encode(value)))
    }

    struct Leaves: Codable {
        var text = "a \"quoted\" <tag> é"
        var flag = true
        var small: Int8 = -3
        var big: UInt64 = 1 << 40
        var ratio = 0.25
        var single: Float = 1.5
        var absent: String? = nil
        var present: Int32? = 7
        var list = [1, 2, 3]
        var nested: [[String]] = [["x"], []]
        var map = ["b": 2, "a": 1]
        var json: JSONValue = ["k": .null, "l": [1, "two"]]
        var port = IntOrString.string("http")
        var number = IntOrString.int(8080)
        var empty = Empty()
    }

    struct Empty: Codable {}

    /// Containers asked for in every way `Encoder` allows, filled after they were made.
    struct Containers: Encodable {
        enum Keys: String, CodingKey { case inner, items, base, late }

        func encode(to encoder: any Encoder) throws {
            var root = encoder.container(keyedBy: Keys.self)
            var inner = root.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            var items = root.nestedUnkeyedContainer(forKey: .items)
            try items.encode("first")
            var pair = items.nestedUnkeyedContainer()
            try pair.encode(1)
            try pair.encodeNil()
            var object = items.nestedContainer(keyedBy: Keys.self)
            try object.encode(false, forKey: .late)
            try Leaves().encode(to: root.superEncoder(forKey: .base))
            try inner.encode("filled later", forKey: .late)
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode(2.5, forKey: .late)
        }
    }

    @Test func leavesOptionalsAndNestedValuesMatchFoundation() throws {
        #expect(try JSONValueEncoder.encode(Leaves()) == Self.viaBytes(Leaves()))
        #expect(try JSONValueEncoder.encode(Leaves())["absent"] == nil)
        #expect(try JSONValueEncoder.encode(Empty()) == .object([:]))
    }

    @Test func everyKindOfContainerMatchesFoundation() throws {
        #expect(try JSONValueEncoder.encode(Containers()) == Self.viaBytes(Containers()))
        #expect(try JSONValueEncoder.encode([Containers(), Containers()]) == Self.viaBytes([Containers(), Containers()]))
    }

    @Test func topLevelLeavesAndJSONPassThrough() throws {
        #expect(try JSONValueEncoder.encode("text") == "text")
        #expect(try JSONValueEncoder.encode(42) == 42)
        let json: JSONValue = ["a": [1, .null]]
        #expect(try JSONValueEncoder.encode(json) == json)
        #expect(try JSONValueEncoder.encode(["a": json]) == ["a": json])
    }

    @Test func nonFiniteNumbersAreRejectedWithTheirPath() throws {
        struct Bad: Encodable { var values = [1.0, .infinity] }
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode(Bad()) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode(Double.nan) }
    }
}
