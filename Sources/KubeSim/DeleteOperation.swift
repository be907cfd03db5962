import KubeModel

/// DELETE as the registry store does it: preconditions, propagation policy turned into the
/// `orphan`/`foregroundDeletion` finalizers, graceful deletion while any finalizer remains.
extension ServerState {
    enum Propagation: String, Sendable {
        case background = "Background"
        case foreground = "Foreground"
        case orphan = "Orphan"
    }

    struct DeleteOptions: Sendable {
        var propagation: Propagation?
        var preconditionUID: String?
        var preconditionResourceVersion: String?
        var dryRun = false
    }

    enum DeleteOutcome {
        /// Still stored, with a deletionTimestamp, waiting for finalizers.
        case pending(JSONValue)
        /// Gone; the last state.
        case deleted(JSONValue)
    }

    static let orphanFinalizer = "orphan"
    static let foregroundFinalizer = "foregroundDeletion"
    static let undeletableNamespaces: Set<String> = ["default", "kube-system", "kube-public"]

    mutating func delete(_ resource: GroupResource, _ key: ObjectKey, options: DeleteOptions) throws -> DeleteOutcome {
        guard let old = store.get(resource, key) else { throw APIError.notFound(resource, key.name) }
        if let uid = options.preconditionUID, uid != old.uid {
            throw APIError.conflict(
                resource, key.name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(old.uid)")
        }
        if let rv = options.preconditionResourceVersion, rv != old.resourceVersion {
            throw APIError.conflict(
                resource, key.name,
                "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(old.resourceVersion)")
        }
        let isNamespace = resource == GroupResource(group: "", resource: "namespaces")
        if isNamespace, Self.undeletableNamespaces.contains(key.name) {
            throw APIError.forbidden(resource, key.name, "this namespace may not be deleted")
        }
        var finalizers = old.finalizers
        switch options.propagation {
        case .orphan?:
            finalizers.removeAll { $0 == Self.foregroundFinalizer }
            if !finalizers.contains(Self.orphanFinalizer) { finalizers.append(Self.orphanFinalizer) }
        case .foreground?:
            finalizers.removeAll { $0 == Self.orphanFinalizer }
            if !finalizers.contains(Self.foregroundFinalizer) { finalizers.append(Self.foregroundFinalizer) }
        case .background?:
            finalizers.removeAll { $0 == Self.orphanFinalizer || $0 == Self.foregroundFinalizer }
        case nil:
            break
        }
        let namespaceFinalizers = isNamespace ? (old["spec"]?["finalizers"]?.arrayValue ?? []) : []
        if finalizers.isEmpty, namespaceFinalizers.isEmpty {
            if options.dryRun { return .deleted(old) }
            guard let event = remove(resource, key) else { throw APIError.notFound(resource, key.name) }
            return .deleted(event.object)
        }
        var object = old
        object.setMetadata("finalizers", finalizers.isEmpty ? nil : .array(finalizers.map { .string($0) }))
        if !old.isBeingDeleted {
            object.setMetadata("deletionTimestamp", .string(now.description))
            object.setMetadata("deletionGracePeriodSeconds", 0)
            if let generation = old["metadata"]?["generation"]?.intValue {
                object.setMetadata("generation", .number(Double(generation + 1)))
            }
        }
        if isNamespace { object["status"] = ["phase": "Terminating"] }
        if object == old || options.dryRun { return .pending(object) }
        guard let type = registry.storageType(resource) else { throw APIError.notFound(resource, key.name) }
        return .pending(put(type, key, object).object)
    }
}
