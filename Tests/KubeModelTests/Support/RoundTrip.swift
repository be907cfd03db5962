import Foundation
import Testing

@testable import KubeModel

/// A fixture decoded, re-encoded and decoded again, with the checks every fixture must pass.
struct RoundTrip<Object: Codable & Equatable> {
    let original: JSONValue
    let decoded: Object
    /// What the model sends back, as a JSON tree.
    let reencoded: JSONValue

    init(fixture name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let data = try Fixture.data(name)
        let decoder = JSONDecoder()
        original = try decoder.decode(JSONValue.self, from: data)
        decoded = try decoder.decode(Object.self, from: data)
        let encoded = try JSONEncoder().encode(decoded)
        reencoded = try decoder.decode(JSONValue.self, from: encoded)

        #expect(try decoder.decode(Object.self, from: encoded) == decoded, "decoding again changed \(name)",
                sourceLocation: sourceLocation)
        #expect(reencoded.pathsNotFound(in: original) == [], "the model sent what \(name) does not say",
                sourceLocation: sourceLocation)
        #expect(!reencoded.containsMember("managedFields"), "managedFields must be dropped",
                sourceLocation: sourceLocation)
    }
}

/// The JSON files of `Fixtures/`, which Package.swift copies into the test bundle as they are.
enum Fixture {
    static func data(_ name: String, ext: String = "json") throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }
}
