/// Pruning of fields the schema does not declare, as apiextensions-apiserver's
/// `pruning.PruneWithOptions` does for a resource root.
///
/// The root, and every `x-kubernetes-embedded-resource` object, keeps `apiVersion`, `kind` and
/// `metadata` untouched. Below `x-kubernetes-preserve-unknown-fields` unknown fields stay while
/// declared ones are still pruned by their own schema. The paths of dropped fields
/// (`spec.foo`, `spec.ports[0].bar`, sorted) are what `fieldValidation=Strict` rejects and
/// `Warn` reports: see `strictDecodingMessage` and `unknownFieldWarning`.
extension StructuralSchema {
    public func prune(_ object: JSONValue) -> (object: JSONValue, unknownFields: [String]) {
        var unknown: [String] = []
        let pruned = Self.prune(object, schema: self, path: "", isRoot: true, unknown: &unknown)
        return (pruned, unknown.sorted())
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

    private static func prune(
        _ value: JSONValue, schema: StructuralSchema?, path: String, isRoot: Bool, unknown: inout [String]
    ) -> JSONValue {
        if let schema, schema.preservesUnknownFields {
            return pruneDeclared(value, schema: schema, path: path, isRoot: isRoot, unknown: &unknown)
        }
        switch value {
        case .object(let members):
            guard let schema else {
                unknown += members.keys.map { child(path, $0) }
                return .object([:])
            }
            var kept: [String: JSONValue] = [:]
            for (key, member) in members {
                if (schema.isEmbeddedResource || isRoot) && metaFields.contains(key) {
                    kept[key] = member
                } else if let property = schema.child(key) {
                    kept[key] = prune(member, schema: property, path: child(path, key), isRoot: false, unknown: &unknown)
                } else {
                    unknown.append(child(path, key))
                }
            }
            return .object(kept)
        case .array(let elements):
            return .array(elements.enumerated().map { index, element in
                prune(element, schema: schema?.items, path: "\(path)[\(index)]", isRoot: false, unknown: &unknown)
            })
        default:
            return value
        }
    }

    /// Below `x-kubernetes-preserve-unknown-fields`: keep what is unknown, prune what is declared.
    private static func pruneDeclared(
        _ value: JSONValue, schema: StructuralSchema, path: String, isRoot: Bool, unknown: inout [String]
    ) -> JSONValue {
        switch value {
        case .object(let members):
            var kept = members
            for (key, member) in members {
                if (schema.isEmbeddedResource || isRoot) && metaFields.contains(key) { continue }
                if let property = schema.child(key) {
                    kept[key] = prune(member, schema: property, path: child(path, key), isRoot: false, unknown: &unknown)
                }
            }
            return .object(kept)
        case .array(let elements):
            guard let items = schema.items else { return value }
            return .array(elements.enumerated().map { index, element in
                pruneDeclared(element, schema: items, path: "\(path)[\(index)]", isRoot: false, unknown: &unknown)
            })
        default:
            return value
        }
    }
}
