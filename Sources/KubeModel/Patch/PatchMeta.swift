/// How a strategic merge patch treats one field, and the metadata of the fields below it.
///
/// This is what the Go struct tags `patchStrategy` and `patchMergeKey` say for built-in types
/// (kube-apiserver reads them by reflection). For a list field, `fields` describes each item; for
/// an object field, the object's own fields. A field with no entry gets the defaults: objects are
/// merged key by key, lists replaced whole.
public struct PatchMeta: Sendable, Hashable {
    public enum Strategy: String, Sendable, Hashable {
        /// Lists: merge items (by `mergeKey` for lists of objects, as a set for primitives).
        case merge
        /// Objects: replace whole instead of merging.
        case replace
        /// Objects: keys missing from the patch's `$retainKeys` list are cleared.
        case retainKeys
    }

    public var strategies: Set<Strategy>
    public var mergeKey: String?
    public var fields: [String: PatchMeta]

    public init(_ strategies: Set<Strategy> = [], mergeKey: String? = nil, fields: [String: PatchMeta] = [:]) {
        self.strategies = strategies
        self.mergeKey = mergeKey
        self.fields = fields
    }

    /// No metadata: the RFC 7386-like defaults at every level.
    public static let none = PatchMeta()

    /// A list merged by `key`, each item described by `fields`.
    public static func mergeList(key: String, fields: [String: PatchMeta] = [:]) -> PatchMeta {
        PatchMeta([.merge], mergeKey: key, fields: fields)
    }

    /// A list of primitives merged as a set (`finalizers`).
    public static let primitiveSet = PatchMeta([.merge])

    public static func object(_ fields: [String: PatchMeta]) -> PatchMeta {
        PatchMeta(fields: fields)
    }

    public subscript(field: String) -> PatchMeta {
        fields[field] ?? .none
    }
}
