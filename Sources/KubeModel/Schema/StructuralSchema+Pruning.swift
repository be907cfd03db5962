/// Pruning of fields the schema does not declare, as apiextensions-apiserver's
/// `pruning.PruneWithOptions` does for a resource root.
///
/// The root, and every `x-kubernetes-embedded-resource` object, keeps `apiVersion`, `kind` and
/// `metadata` untouched. Below `x-kubernetes-preserve-unknown-fields` unknown fields stay while
/// declared ones are still pruned by their own schema. The paths of dropped fields
/// (`spec.foo`, `spec.ports[0].bar`, sorted) are what `fieldValidation=Strict` rejects and
/// `Warn` reports: see `strictDecodingMessage` and `unknownFieldWarning`.
///
/// `unchangedFrom` is the object as stored, when it was pruned and defaulted with this very
/// schema: a subtree that still shares storage with its counterpart there (same key, same
/// list position), as one a patch left alone does, holds nothing to prune and is skipped.
/// Only shared storage counts, not equality: telling equal subtrees apart would cost a walk.
extension StructuralSchema {
    public func prune(_ object: JSONValue, unchangedFrom old: JSONValue? = nil) -> (object: JSONValue, unknownFields: [String]) {
        var unknown: [String] = []
        let pruned = Self.prune(object, old: old, schema: self, path: "", isRoot: true, unknown: &unknown)
        return (pruned ?? object, unknown.sorted())
    }

    /// The text of the 400 a `fieldValidation=Strict` request gets for these unknown fields.
    public static func strictDecodingMessage(_ unknownFields: [String]) -> String {
        "strict decoding error: " + unknownFields.map(unknownFieldWarning).joined(separator: ", ")
    }

    /// One `Warning` header text of a `fieldValidation=Warn` request.
    public static func unknownFieldWarning(_ path: String) -> String {
        "unknown field \"\(path)\""
    }

    private static let metaFields: Set<String> = ["apiVersion", "kind", "metadata"]

    // Both walks answer nil when they prune nothing, so untouched subtrees keep their storage
    // (see `applyDefaults`).

    private static func prune(
        _ value: JSONValue, old: JSONValue?, schema: StructuralSchema?, path: String, isRoot: Bool, unknown: inout [String]
    ) -> JSONValue? {
        if let old, old.sharesStorage(with: value) { return nil }
        if let schema, schema.preservesUnknownFields {
            return pruneDeclared(value, old: old, schema: schema, path: path, isRoot: isRoot, unknown: &unknown)
        }
        switch value {
        case .object(let members):
            guard let schema else {
                unknown += members.keys.map { child(path, $0) }
                return members.isEmpty ? nil : .object([:])
            }
            var kept = members
            var changed = false
            for (key, member) in members {
                if (schema.isEmbeddedResource || isRoot) && metaFields.contains(key) { continue }
                if let property = schema.child(key) {
                    guard
                        let pruned = prune(
                            member, old: old?[key], schema: property, path: child(path, key), isRoot: false, unknown: &unknown)
                    else { continue }
                    kept[key] = pruned
                } else {
                    unknown.append(child(path, key))
                    kept[key] = nil
                }
                changed = true
            }
            return changed ? .object(kept) : nil
        case .array(let elements):
            return pruneItems(elements) { index, element in
                prune(
                    element, old: old?[index], schema: schema?.items, path: "\(path)[\(index)]", isRoot: false,
                    unknown: &unknown)
            }
        default:
            return nil
        }
    }

    /// Below `x-kubernetes-preserve-unknown-fields`: keep what is unknown, prune what is declared.
    private static func pruneDeclared(
        _ value: JSONValue, old: JSONValue?, schema: StructuralSchema, path: String, isRoot: Bool, unknown: inout [String]
    ) -> JSONValue? {
        switch value {
        case .object(let members):
            var kept = members
            var changed = false
            for (key, member) in members {
                if (schema.isEmbeddedResource || isRoot) && metaFields.contains(key) { continue }
                guard let property = schema.child(key),
                    let pruned = prune(
                        member, old: old?[key], schema: property, path: child(path, key), isRoot: false, unknown: &unknown)
                else { continue }
                kept[key] = pruned
                changed = true
            }
            return changed ? .object(kept) : nil
        case .array(let elements):
            guard let items = schema.items else { return nil }
            return pruneItems(elements) { index, element in
                pruneDeclared(
                    element, old: old?[index], schema: items, path: "\(path)[\(index)]", isRoot: false, unknown: &unknown)
            }
        default:
            return nil
        }
    }

    private static func pruneItems(_ elements: [JSONValue], _ prune: (Int, JSONValue) -> JSONValue?) -> JSONValue? {
        var changed: [JSONValue]?
        for (index, element) in elements.enumerated() {
            guard let pruned = prune(index, element) else { continue }
            if changed == nil { changed = elements }
            changed?[index] = pruned
        }
        return changed.map(JSONValue.array)
    }
}
