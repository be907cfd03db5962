/// What server-side apply needs to know about a type: which lists are sets or maps keyed by
/// some fields, which maps are atomic, which objects are maps rather than structs.
///
/// Anything not described is "deduced", as structured-merge-diff treats unknown fields: objects
/// merge field by field, lists and scalars are atomic (replaced and owned whole).
public final class ApplySchema: Sendable {
    public enum ListType: Sendable, Hashable {
        case atomic
        /// Items are primitives identified by their value (`finalizers`).
        case set
        /// Items are objects identified by these fields (`ports` by `port` and `protocol`).
        case map(keys: [String])
    }

    public let fields: [String: ApplySchema]
    /// The schema of list items, or of map values when `isMap`.
    public let elements: ApplySchema?
    /// The object's keys are map keys (`labels`), each owned as an entry, not struct fields.
    public let isMap: Bool
    /// Replaced and owned whole (`x-kubernetes-map-type: atomic`, e.g. a Service `selector`).
    public let isAtomic: Bool
    public let listType: ListType
    /// Defaults of list-map key fields: an item without the field is keyed by the default
    /// (a Service port without `protocol` is the `TCP` one).
    public let keyDefaults: JSONObject

    public init(
        fields: [String: ApplySchema] = [:], elements: ApplySchema? = nil, isMap: Bool = false, isAtomic: Bool = false,
        listType: ListType = .atomic, keyDefaults: JSONObject = [:]
    ) {
        self.fields = fields
        self.elements = elements
        self.isMap = isMap
        self.isAtomic = isAtomic
        self.listType = listType
        self.keyDefaults = keyDefaults
    }

    public static let deduced = ApplySchema()

    /// The apply semantics a CRD's structural schema declares (lists are atomic unless
    /// `x-kubernetes-list-type` says otherwise, as in apiextensions-apiserver).
    public convenience init(_ schema: StructuralSchema) {
        let items = schema.items
        let listType: ListType =
            switch schema.listType {
            case "set": .set
            case "map": .map(keys: schema.listMapKeys)
            default: .atomic
            }
        var keyDefaults: JSONObject = [:]
        for key in schema.listMapKeys {
            if let value = items?.properties[key]?.defaultValue { keyDefaults[key] = value }
        }
        let elementSchema = items ?? schema.additionalProperties
        self.init(
            fields: schema.properties.mapValues(ApplySchema.init),
            elements: elementSchema.map(ApplySchema.init),
            isMap: schema.additionalProperties != nil,
            isAtomic: schema.mapType == "atomic",
            listType: listType,
            keyDefaults: keyDefaults)
    }

    func child(_ key: String) -> ApplySchema {
        fields[key] ?? (isMap ? elements : nil) ?? .deduced
    }

    var itemSchema: ApplySchema { elements ?? .deduced }

    /// How an item of this list is named in a field path; nil when the list cannot be merged
    /// item by item and must be treated as atomic.
    func element(for item: JSONValue) -> FieldPathElement? {
        switch listType {
        case .atomic:
            return nil
        case .set:
            switch item {
            case .null, .object, .array: return nil
            default: return .value(item)
            }
        case .map(let keys):
            guard case .object(let members) = item else { return nil }
            var key: JSONObject = [:]
            for name in keys {
                if let value = members[name] ?? keyDefaults[name] { key[name] = value }
            }
            return key.isEmpty ? nil : .key(key)
        }
    }
}
