import Foundation

@testable import KubeModel

/// Tree operations the schema and round-trip tests share.
extension JSONValue {
    /// Converts what `Yams.load` returns; YAML's quoted scalars (`"True"`) stay strings.
    init(yaml node: Any) throws {
        switch node {
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .number(Double(number))
        case let number as Double: self = .number(number)
        case let list as [Any]: self = .array(try list.map(JSONValue.init(yaml:)))
        case let map as [AnyHashable: Any]:
            let members = try map.map { ("\($0.key.base)", try JSONValue(yaml: $0.value)) }
            self = .object(JSONObject(members, uniquingKeysWith: { first, _ in first }))
        case is NSNull: self = .null
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unexpected YAML node \(node)"))
        }
    }

    /// Sets (or with nil, removes) the member at a path of object keys that already exist.
    mutating func set(_ newValue: JSONValue?, at path: [String]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            self[first] = newValue
        } else if var child = self[first] {
            child.set(newValue, at: Array(path.dropFirst()))
            self[first] = child
        }
    }

    /// Paths where this tree has a member or value that `other` lacks or holds differently.
    func pathsNotFound(in other: JSONValue, path: String = "") -> [String] {
        switch (self, other) {
        case (.object(let mine), .object(let theirs)):
            return mine.sorted { $0.key < $1.key }.flatMap { key, value in
                theirs[key].map { value.pathsNotFound(in: $0, path: "\(path)/\(key)") } ?? ["\(path)/\(key)"]
            }
        case (.array(let mine), .array(let theirs)) where mine.count == theirs.count:
            return zip(mine, theirs).enumerated().flatMap { $1.0.pathsNotFound(in: $1.1, path: "\(path)/\($0)") }
        default:
            return self == other ? [] : [path]
        }
    }

    /// Whether an object anywhere in this tree has a member with this name.
    func containsMember(_ name: String) -> Bool {
        switch self {
        case .object(let members): members[name] != nil || members.values.contains { $0.containsMember(name) }
        case .array(let items): items.contains { $0.containsMember(name) }
        default: false
        }
    }
}
