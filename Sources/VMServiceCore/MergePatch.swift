import Foundation
import KubeModel

/// JSON merge patch (RFC 7386) between two versions of an object, as controller-runtime's
/// `client.MergeFrom` sends it: changed members only, deleted map keys as `null`, lists
/// replaced whole. Members our model does not know are in neither version and so are never
/// touched on the server.
enum MergePatch {
    /// The patch turning `old` into `new`; an empty object when they encode identically.
    static func between<Object: Encodable>(_ old: Object, _ new: Object) throws -> JSONValue {
        diff(from: try json(old), to: try json(new)) ?? .object([:])
    }

    static func json<Object: Encodable>(_ value: Object) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// nil when there is no difference.
    ///
    /// JSONValue is ExpressibleByNilLiteral, so a bare `nil` beside a JSONValue would be read
    /// as `.null`; `.none` is spelled out where that could happen.
    static func diff(from old: JSONValue, to new: JSONValue) -> JSONValue? {
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else {
            return old == new ? .none : .some(new)
        }
        var patch: [String: JSONValue] = [:]
        for (key, value) in newMembers {
            if let previous = oldMembers[key] {
                if let change = diff(from: previous, to: value) { patch[key] = change }
            } else {
                patch[key] = value
            }
        }
        for key in oldMembers.keys where newMembers.index(forKey: key) == nil { patch[key] = .null }
        return patch.isEmpty ? .none : .some(.object(patch))
    }
}
