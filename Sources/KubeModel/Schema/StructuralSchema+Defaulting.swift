/// Defaulting as apiextensions-apiserver does it, on every write and on every read from storage:
/// first `PruneNonNullableNullsWithoutDefaults` (a `null` where the schema allows none and has no
/// default is dropped), then `Default` (a missing field, or a forbidden `null`, takes the
/// property's default, also inside array items and map values, and the defaulted value is then
/// defaulted in turn).
extension StructuralSchema {
    public func applyDefaults(_ object: JSONValue) -> JSONValue {
        defaulted(Self.droppingForbiddenNulls(object, schema: self))
    }

    private static func droppingForbiddenNulls(_ value: JSONValue, schema: StructuralSchema?) -> JSONValue {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, member) in members {
                let child = schema?.child(key)
                if member == .null, let child, !child.nullable, child.defaultValue == nil { continue }
                kept[key] = droppingForbiddenNulls(member, schema: child)
            }
            return .object(kept)
        case .array(let elements):
            return .array(elements.map { droppingForbiddenNulls($0, schema: schema?.items) })
        default:
            return value
        }
    }

    private func defaulted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var members):
            for (key, property) in properties {
                guard let defaultValue = property.defaultValue else { continue }
                if members[key] == nil || property.isForbiddenNull(members[key]) { members[key] = defaultValue }
            }
            for (key, member) in members {
                if let property = properties[key] {
                    members[key] = property.defaulted(member)
                } else if let additionalProperties {
                    let filled = additionalProperties.isForbiddenNull(member) ? additionalProperties.defaultValue ?? member : member
                    members[key] = additionalProperties.defaulted(filled)
                }
            }
            return .object(members)
        case .array(let elements):
            guard let items else { return value }
            return .array(elements.map { element in
                items.defaulted(items.isForbiddenNull(element) ? items.defaultValue ?? element : element)
            })
        default:
            return value
        }
    }

    private func isForbiddenNull(_ value: JSONValue?) -> Bool {
        value == .null && !nullable
    }
}
