/// A CRD version's `openAPIV3Schema`, parsed once, for validating, defaulting and pruning
/// custom resources the way apiextensions-apiserver does.
///
/// kube-sim runs, on every write: `prune` (unknown fields; their paths drive
/// `fieldValidation=Strict|Warn`), `applyDefaults` (also on every read, as the API server
/// defaults what it reads from etcd), then `validate`.
///
/// Not evaluated, on purpose: `x-kubernetes-validations` (CEL rules; kube-sim does not run CEL,
/// and the controller re-validates what it reads) and formats other than `int32`, `int64` and
/// `date-time`. `allOf`/`anyOf`/`oneOf`/`not` are evaluated; of several failing branches
/// we report the errors of the one kube-openapi most likely picks (see `closest`).
public final class StructuralSchema: Sendable {
    public let types: [String]
    public let format: String?
    public let nullable: Bool
    public let properties: [String: StructuralSchema]
    public let required: [String]
    public let additionalProperties: StructuralSchema?
    public let items: StructuralSchema?
    public let enumValues: [JSONValue]?
    public let defaultValue: JSONValue?
    public let minimum: Double?
    public let exclusiveMinimum: Bool
    public let maximum: Double?
    public let exclusiveMaximum: Bool
    public let multipleOf: Double?
    public let minLength: Int?
    public let maxLength: Int?
    public let pattern: String?
    /// `pattern` compiled once; nil when there is none or Swift cannot compile it.
    let compiledPattern: SharedRegex<AnyRegexOutput>?
    public let minItems: Int?
    public let maxItems: Int?
    public let uniqueItems: Bool
    public let minProperties: Int?
    public let maxProperties: Int?
    public let allOf: [StructuralSchema]
    public let anyOf: [StructuralSchema]
    public let oneOf: [StructuralSchema]
    public let not: StructuralSchema?
    /// `x-kubernetes-preserve-unknown-fields`
    public let preservesUnknownFields: Bool
    /// `x-kubernetes-embedded-resource`
    public let isEmbeddedResource: Bool
    /// `x-kubernetes-int-or-string`
    public let isIntOrString: Bool
    /// `x-kubernetes-list-type`: `atomic`, `set` or `map`.
    public let listType: String?
    /// `x-kubernetes-list-map-keys`
    public let listMapKeys: [String]
    /// `x-kubernetes-map-type`: `granular` or `atomic`.
    public let mapType: String?
    /// Whether this node or one below it is a `set` or `map` list, so `checkListTypes` has
    /// something to find here: the walk skips the subtrees where it has not.
    let checksListTypes: Bool
    /// Whether this node or one below it is an embedded resource, for the same reason.
    let checksEmbeddedResources: Bool
    /// Whether values below this node have schemas of their own; where none do, defaulting
    /// and dropping forbidden nulls have nothing to do.
    let describesChildren: Bool
    /// Whether a node below this one has a default.
    let defaultsBelow: Bool
    /// `properties`' names in order, as validation visits them.
    let propertyNames: [String]

    /// Parses a schema node; unknown keywords are ignored, malformed ones read as absent.
    public init(_ schema: JSONValue) {
        let node = schema.objectValue ?? [:]
        isIntOrString = node["x-kubernetes-int-or-string"] == true
        if isIntOrString {
            types = ["integer", "string"]
        } else if let type = node["type"]?.stringValue {
            types = [type]
        } else {
            types = []
        }
        format = node["format"]?.stringValue
        nullable = node["nullable"] == true
        properties = Dictionary(
            uniqueKeysWithValues: (node["properties"]?.objectValue ?? [:]).map { ($0.key, StructuralSchema($0.value)) })
        required = node["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        additionalProperties = node["additionalProperties"].flatMap { $0.objectValue != nil ? StructuralSchema($0) : nil }
        items = node["items"].flatMap { $0.objectValue != nil ? StructuralSchema($0) : nil }
        enumValues = node["enum"]?.arrayValue
        // `default: null` decodes to "no default" in apiextensions as well.
        defaultValue = node["default"] == .null ? Optional<JSONValue>.none : node["default"]
        minimum = Self.number(node["minimum"])
        exclusiveMinimum = node["exclusiveMinimum"] == true
        maximum = Self.number(node["maximum"])
        exclusiveMaximum = node["exclusiveMaximum"] == true
        multipleOf = Self.number(node["multipleOf"])
        minLength = node["minLength"]?.intValue
        maxLength = node["maxLength"]?.intValue
        pattern = node["pattern"]?.stringValue
        compiledPattern = pattern.flatMap { SharedRegex(pattern: $0) }
        minItems = node["minItems"]?.intValue
        maxItems = node["maxItems"]?.intValue
        uniqueItems = node["uniqueItems"] == true
        minProperties = node["minProperties"]?.intValue
        maxProperties = node["maxProperties"]?.intValue
        allOf = node["allOf"]?.arrayValue?.map(StructuralSchema.init) ?? []
        anyOf = node["anyOf"]?.arrayValue?.map(StructuralSchema.init) ?? []
        oneOf = node["oneOf"]?.arrayValue?.map(StructuralSchema.init) ?? []
        not = node["not"].flatMap { $0.objectValue != nil ? StructuralSchema($0) : nil }
        preservesUnknownFields = node["x-kubernetes-preserve-unknown-fields"] == true
        isEmbeddedResource = node["x-kubernetes-embedded-resource"] == true
        listType = node["x-kubernetes-list-type"]?.stringValue
        listMapKeys = node["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
        mapType = node["x-kubernetes-map-type"]?.stringValue
        let children = Array(properties.values) + [additionalProperties, items].compactMap { $0 }
        checksListTypes = listType == "set" || listType == "map" || children.contains(where: \.checksListTypes)
        checksEmbeddedResources = isEmbeddedResource || children.contains(where: \.checksEmbeddedResources)
        describesChildren = !children.isEmpty
        defaultsBelow = children.contains { $0.defaultValue != nil || $0.defaultsBelow }
        propertyNames = properties.keys.sorted()
    }

    private static func number(_ value: JSONValue?) -> Double? {
        if case .number(let d) = value { return d }
        return nil
    }

    /// The schema of the value under `key` of an object this schema describes.
    func child(_ key: String) -> StructuralSchema? {
        properties[key] ?? additionalProperties
    }
}

