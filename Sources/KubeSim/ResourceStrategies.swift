import KubeModel

/// Per-resource rules on the way in (defaulting, allocation, validation) and after a commit
/// (releasing IPs, serving a new CRD) — the `RESTCreateStrategy`/`RESTUpdateStrategy` of the
/// real registry, for the resources whose rules matter to clients.
enum ResourceStrategies {
    /// Defaults and validates `object` (old is nil on create). Throws `Invalid`.
    static func prepare(
        _ object: inout JSONValue, old: JSONValue?, type: ResourceType, state: inout ServerState
    ) throws {
        guard !preparesAlone(type) else {
            return try prepareAlone(
                &object, old: old, type: type, fieldValidation: state.fieldValidation, warnings: &state.warnings)
        }
        switch (type.group, type.resource) {
        case ("", "services"):
            try ServiceStrategy.prepare(&object, old: old, state: &state)
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            try CRDStrategy.prepare(&object, old: old, state: state)
        default:
            break
        }
    }

    /// Types whose rules read nothing of the server's state: all but the kinds `prepare`
    /// names (a kind added there must be added here, or its case is never reached). Their
    /// writes are prepared without the server's lock.
    static func preparesAlone(_ type: ResourceType) -> Bool {
        switch (type.group, type.resource) {
        case ("", "services"), ("apiextensions.k8s.io", "customresourcedefinitions"): false
        default: true
        }
    }

    /// `prepare` for the types of `preparesAlone`. `unchangedFrom` is `old` when it was
    /// prepared with the type's schema as it is now (see `CustomResourceSchema`).
    static func prepareAlone(
        _ object: inout JSONValue, old: JSONValue?, unchangedFrom settled: JSONValue? = nil, type: ResourceType,
        fieldValidation: String, warnings: inout [String]
    ) throws {
        switch (type.group, type.resource) {
        case ("", "secrets"):
            if (object["type"]?.stringValue ?? "").isEmpty { object["type"] = "Opaque" }
            try check(MetadataValidation.validate(object, nameCheck: KubeValidation.isDNS1123Subdomain, namespaced: true), object, type)
        case ("", "endpoints"):
            try check(EndpointsValidation.validate(object), object, type)
        case ("discovery.k8s.io", "endpointslices"):
            EndpointSliceValidation.applyDefaults(&object)
            try check(EndpointSliceValidation.validate(object, old: old), object, type)
        case ("", "namespaces"):
            if old == nil {
                object["status"] = ["phase": "Active"]
                if object["spec"]?["finalizers"] == nil { object["spec"] = ["finalizers": ["kubernetes"]] }
            }
            try check(MetadataValidation.validate(object, nameCheck: KubeValidation.isDNS1123Label, namespaced: false), object, type)
        default:
            if let schema = type.structuralSchema {
                try CustomResourceSchema.apply(
                    schema, to: &object, old: old, unchangedFrom: settled, type: type, fieldValidation: fieldValidation,
                    warnings: &warnings)
            }
            try check(
                MetadataValidation.validate(
                    object, unchangedFrom: settled, nameCheck: KubeValidation.isDNS1123Subdomain, namespaced: type.namespaced),
                object, type)
        }
    }

    static func check(_ errors: [FieldError], _ object: JSONValue, _ type: ResourceType) throws {
        guard errors.isEmpty else {
            throw APIError.invalid(kind: type.kind, group: type.group, name: object.name, errors: errors)
        }
    }

    static func afterCommit(_ event: StoreEvent, state: inout ServerState) {
        switch (event.resource.group, event.resource.resource) {
        case ("", "services"):
            ServiceStrategy.afterCommit(event, state: &state)
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            CRDStrategy.afterCommit(event, state: &state)
        default:
            break
        }
    }
}
