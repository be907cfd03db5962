import Foundation
import KubeModel

/// The leaves at which two JSON documents differ, as dotted paths (`spec.ports[0].port`).
///
/// The controller decides *whether* to write by canonical comparison; this only explains a
/// write it decided on. So it treats the encodings the API server does not distinguish the
/// same way the canonical form does: `null`, `""`, `[]` and `{}` all read as absent.
/// Lists of equal length are compared item by item, so one wrong port is reported as that
/// port's field, not as the whole list.
struct FieldDifference: Sendable, Hashable {
    var path: String
    var expected: JSONValue?
    var actual: JSONValue?

    static func between(actual: JSONValue?, expected: JSONValue?, path: String = "") -> [FieldDifference] {
        let actual = actual.flatMap(present)
        let expected = expected.flatMap(present)
        switch (actual, expected) {
        case (nil, nil):
            return []
        case (.array(let old)?, .array(let new)?) where old.count == new.count:
            return zip(old, new).enumerated().flatMap { index, pair in
                between(actual: pair.0, expected: pair.1, path: "\(path)[\(index)]")
            }
        default:
            // An object on one side and nothing on the other is compared member by member,
            // so a missing status shows as the fields it lacks.
            if let old = actual?.objectValue ?? (actual == nil ? [:] : nil),
                let new = expected?.objectValue ?? (expected == nil ? [:] : nil)
            {
                return Set(old.keys).union(new.keys).sorted().flatMap { key in
                    between(actual: old[key], expected: new[key], path: path.isEmpty ? key : "\(path).\(key)")
                }
            }
            return actual == expected ? [] : [FieldDifference(path: path, expected: expected, actual: actual)]
        }
    }

    /// nil for the values the API server treats as "not set".
    private static func present(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null: nil
        case .string(let text) where text.isEmpty: nil
        case .array(let items) where items.isEmpty: nil
        case .object(let members) where members.isEmpty: nil
        default: value
        }
    }

    /// Compact JSON for structured values, the bare text for strings, `absent` for nothing.
    static func render(_ value: JSONValue?) -> String {
        guard let value else { return Discrepancy.absent }
        if case .string(let text) = value { return text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Any Encodable as a JSON tree (nil when it does not encode, which our models always do).
    static func json<Value: Encodable>(_ value: Value) -> JSONValue? {
        guard let data = try? JSONEncoder().encode(value) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}
