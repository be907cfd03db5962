/// Defaulting as apiextensions-apiserver does it, on every write and on every read from storage:
/// first `PruneNonNullableNullsWithoutDefaults` (a `null` where the schema allows none and has no
/// default is dropped), then `Default` (a missing field, or a forbidden `null`, takes the
/// property's default, also inside array items and map values, and the defaulted value is then
/// defaulted in turn).
///
/// `unchangedFrom` is the object as stored, when it was pruned and defaulted with this very
/// schema: a subtree that still shares storage with its counterpart there is already
/// defaulted and is skipped (see `prune(_:unchangedFrom:)`).
extension StructuralSchema {
    public func applyDefaults(_ object: JSONValue, unchangedFrom old: JSONValue? = nil) -> JSONValue {
        let cleaned = Self.droppingForbiddenNulls(object, old: old, schema: self) ?? object
        return defaulted(cleaned, old: old) ?? cleaned
    }

    // Both walks answer nil when they change nothing, so untouched subtrees keep their storage,
    // shared with the stored object: every write runs them over the whole object, and the
    // comparisons after them (generation, managedFields, "nothing changed") are then cheap
    // for shared subtrees.

    private static func droppingForbiddenNulls(_ value: JSONValue, old: JSONValue?, schema: StructuralSchema?) -> JSONValue? {
        // Without schemas below nothing can be forbidden.
        guard let schema, schema.describesChildren else { return nil }
        if let old, old.sharesStorage(with: value) { return nil }
        switch value {
        case .object(let members):
            var changed: JSONObject?
            for (key, member) in members {
                let child = schema.child(key)
                if member == .null, let child, !child.nullable, child.defaultValue == nil {
                    if changed == nil { changed = members }
                    changed?[key] = nil
                } else if let replaced = droppingForbiddenNulls(member, old: old?[key], schema: child) {
                    if changed == nil { changed = members }
                    changed?[key] = replaced
                }
            }
            return changed.map(JSONValue.object)
        case .array(let elements):
            var changed: [JSONValue]?
            for (index, element) in elements.enumerated() {
                guard let replaced = droppingForbiddenNulls(element, old: old?[index], schema: schema.items) else { continue }
                if changed == nil { changed = elements }
                changed?[index] = replaced
            }
            return changed.map(JSONValue.array)
        default:
            return nil
        }
    }

    private func defaulted(_ value: JSONValue, old: JSONValue?) -> JSONValue? {
        guard defaultsBelow else { return nil }
        if let old, old.sharesStorage(with: value) { return nil }
        switch value {
        case .object(let original):
            var members = original
            var changed = false
            for (key, property) in properties {
                guard let defaultValue = property.defaultValue else { continue }
                if members[key] == nil || property.isForbiddenNull(members[key]) {
                    members[key] = defaultValue
                    changed = true
                }
            }
            for (key, member) in members {
                let filled: JSONValue?
                if let property = properties[key] {
                    filled = property.defaulted(member, old: old?[key])
                } else {
                    filled = additionalProperties?.filledAndDefaulted(member, old: old?[key])
                }
                if let filled {
                    members[key] = filled
                    changed = true
                }
            }
            return changed ? .object(members) : nil
        case .array(let elements):
            guard let items else { return nil }
            var changed: [JSONValue]?
            for (index, element) in elements.enumerated() {
                guard let filled = items.filledAndDefaulted(element, old: old?[index]) else { continue }
                if changed == nil { changed = elements }
                changed?[index] = filled
            }
            return changed.map(JSONValue.array)
        default:
            return nil
        }
    }

    /// A map value or list item: a forbidden `null` takes the default, then the result is
    /// defaulted; nil when nothing changes.
    private func filledAndDefaulted(_ value: JSONValue, old: JSONValue?) -> JSONValue? {
        if isForbiddenNull(value), let defaultValue { return defaulted(defaultValue, old: nil) ?? defaultValue }
        return defaulted(value, old: old)
    }

    private func isForbiddenNull(_ value: JSONValue?) -> Bool {
        value == .null && !nullable
    }
}
