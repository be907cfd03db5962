import KubeModel

/// CustomResourceDefinitions: checked enough to be servable, accepted at once (names
/// accepted, established), and served or withdrawn as soon as they are committed.
enum CRDStrategy {
    static let cleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    static func prepare(_ crd: inout JSONValue, old: JSONValue?, state: ServerState) throws {
        let type = BuiltinResources.customResourceDefinitions
        let spec = crd["spec"] ?? [:]
        let group = spec["group"]?.stringValue ?? ""
        let plural = spec["names"]?["plural"]?.stringValue ?? ""
        var errors: [FieldError] = []
        if group.isEmpty { errors.append(.required("spec.group")) }
        if plural.isEmpty { errors.append(.required("spec.names.plural")) }
        if (spec["names"]?["kind"]?.stringValue ?? "").isEmpty { errors.append(.required("spec.names.kind")) }
        let versions = spec["versions"]?.arrayValue ?? []
        if versions.isEmpty { errors.append(.required("spec.versions")) }
        let storageCount = versions.filter { $0["storage"]?.boolValue == true }.count
        if !versions.isEmpty, storageCount != 1 {
            errors.append(.invalid("spec.versions", .array(versions.compactMap { $0["name"] }),
                "must have exactly one version marked as storage version"))
        }
        if !group.isEmpty, !plural.isEmpty, crd.name != "\(plural).\(group)" {
            errors.append(.invalid("metadata.name", .string(crd.name), "must be spec.names.plural+\".\"+spec.group"))
        }
        if let old, old["spec"]?["group"] != spec["group"] || old["spec"]?["names"]?["plural"] != spec["names"]?["plural"] {
            errors.append(.invalid("spec.group", spec["group"] ?? .null, "field is immutable"))
        }
        try ResourceStrategies.check(errors, crd, type)
        crd["status"] = CustomResourceTypes.acceptedStatus(of: crd, now: state.now.description)
        if old == nil, !crd.finalizers.contains(cleanupFinalizer) {
            crd.setMetadata("finalizers", .array((crd.finalizers + [cleanupFinalizer]).map { .string($0) }))
        }
    }

    static func afterCommit(_ event: StoreEvent, state: inout ServerState) {
        let crd = event.object
        guard let group = crd["spec"]?["group"]?.stringValue,
            let plural = crd["spec"]?["names"]?["plural"]?.stringValue
        else { return }
        let resource = GroupResource(group: group, resource: plural)
        if event.kind == .deleted {
            state.registry.removeCustom(resource)
            for watcher in state.hub.removeAll(of: resource) { watcher.sink.finish() }
            state.store.dropCollection(resource)
        } else {
            state.registry.replaceCustom(resource, with: CustomResourceTypes.types(of: crd))
        }
    }
}
