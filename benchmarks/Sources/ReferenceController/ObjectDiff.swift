import Foundation
import KubeModel

/// The comparison controller-runtime's `CreateOrPatch` and `client.MergeFrom` make: both
/// objects rendered to JSON (Go's `omitempty` leaves empty maps, lists and nulls out, so
/// they are pruned here too), equal means "unchanged", otherwise the RFC 7386 merge patch
/// between the two renderings is what is sent. Nothing is put in a canonical order: a list
/// in another order is a difference, as it is for `equality.Semantic.DeepEqual`.
enum ObjectDiff {
    /// The merge patch turning `old` into `new`; nil when they render the same.
    static func mergePatch<Value: Encodable>(from old: Value, to new: Value) throws -> JSONValue? {
        JSONMergePatch.create(from: try rendered(old), to: try rendered(new))
    }

    static func rendered<Value: Encodable>(_ value: Value) throws -> JSONValue {
        pruned(try JSONReader.parse(Array(JSONEncoder().encode(value)))) ?? .object([:])
    }

    /// nil for what `omitempty` would leave out.
    private static func pruned(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null:
            return nil
        case .object(let members):
            let kept = members.compactMapValues(pruned)
            return kept.isEmpty ? nil : .object(kept)
        case .array(let items):
            return items.isEmpty ? nil : .array(items.map { pruned($0) ?? .object([:]) })
        default:
            return value
        }
    }
}
