import KubeModel

/// Create and update as the generic registry store does them: system metadata stamped,
/// status kept apart from spec, generation, finalizers, optimistic concurrency, strategy
/// hooks, and no write at all when nothing changed.
extension ServerState {
    struct WriteOptions {
        var dryRun = false
        var subresource: String?
        /// Who writes, for `metadata.managedFields`.
        var fieldManager = "unknown"
        /// Field ownership already worked out (server-side apply); otherwise the write is
        /// recorded as an Update by `fieldManager`.
        var managedFields: ManagedFieldSet?
    }

    /// Records who owns what after this write.
    private static func stampManagedFields(
        _ object: inout JSONValue, old: JSONValue?, type: ResourceType, options: WriteOptions, time: String
    ) {
        let managed: ManagedFieldSet
        if let applied = options.managedFields {
            managed = applied
        } else {
            // Worked out once for both the shortcut and, when it does not apply, the full update.
            let changes = ServerSideApply.updateChanges(from: old, to: object, schema: type.applySchema)
            if let old,
                let unchanged = UpdateOwnership.unchangedSets(
                    old: old, new: object, changes: changes, manager: options.fieldManager,
                    subresource: options.subresource, time: time)
            {
                object.setMetadata("managedFields", unchanged)
                return
            }
            managed = ServerSideApply.update(
                from: old, to: object, manager: options.fieldManager, managedFields: ManagedFieldSet(json: old),
                schema: type.applySchema, time: time, subresource: options.subresource, changes: changes)
        }
        object.setMetadata("managedFields", managed.entries.isEmpty ? nil : FieldsV1Pool.shared.sharing(managed.json))
    }

    mutating func create(_ type: ResourceType, namespace: String, _ body: JSONValue, options: WriteOptions) throws
        -> JSONValue
    {
        let candidate = try Self.creationCandidate(type, namespace: namespace, body)
        if type.namespaced { try requireLiveNamespace(namespace, creating: type, name: candidate.name) }
        let allocations = (clusterIPs, nodePorts)
        defer { if options.dryRun { (clusterIPs, nodePorts) = allocations } }
        let object = try Self.created(type, candidate, options: options, now: now) {
            try ResourceStrategies.prepare(&$0, old: nil, type: type, state: &self)
        }
        do {
            return try finishCreate(type, object, options: options)
        } catch {
            (clusterIPs, nodePorts) = allocations
            throw error
        }
    }

    /// The request's object in storage form, in the request's namespace.
    static func creationCandidate(_ type: ResourceType, namespace: String, _ body: JSONValue) throws -> JSONValue {
        var object = type.toStorage(body)
        object["apiVersion"] = .string(type.storageAPIVersion)
        object["kind"] = .string(type.kind)
        if type.namespaced {
            let declared = object.namespace
            if !declared.isEmpty, declared != namespace {
                throw APIError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request")
            }
            object.setMetadata("namespace", .string(namespace))
        } else {
            object.setMetadata("namespace", nil)
        }
        return object
    }

    /// The object a create stores, decided from the candidate alone (and whatever `prepare`,
    /// the type's strategy, reads).
    static func created(
        _ type: ResourceType, _ candidate: JSONValue, options: WriteOptions, now: Time,
        prepare: (inout JSONValue) throws -> Void
    ) throws -> JSONValue {
        var object = candidate
        if object.name.isEmpty, let prefix = object.metadataString("generateName"), !prefix.isEmpty {
            object.setMetadata("name", .string(prefix + NameGenerator.suffix()))
        }
        for field in ["uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
            object.setMetadata(field, nil)
        }
        object.setMetadata("uid", .string(UUIDGenerator.next()))
        object.setMetadata("creationTimestamp", .string(now.description))
        if type.tracksGeneration { object.setMetadata("generation", 1) }
        if type.hasStatus, type.isCustom { object["status"] = nil }
        try prepare(&object)
        stampManagedFields(&object, old: nil, type: type, options: options, time: now.description)
        return object
    }

    /// Stores a created object unless one of its name exists; `encoded` is its encoding made
    /// ahead, if any.
    mutating func finishCreate(_ type: ResourceType, _ object: JSONValue, options: WriteOptions, encoded: EncodedTemplate? = nil)
        throws -> JSONValue
    {
        let key = ObjectKey(namespace: type.namespaced ? object.namespace : "", name: object.name)
        if store.get(type.groupResource, key) != nil {
            throw APIError.alreadyExists(type.groupResource, object.name)
        }
        if options.dryRun { return object }
        return put(type, key, object, encoded: encoded).object
    }

    /// Replaces an existing object with `candidate` (from a PUT body or a patch result).
    mutating func update(
        _ type: ResourceType, _ key: ObjectKey, _ candidate: JSONValue, old: JSONValue, options: WriteOptions
    ) throws -> JSONValue {
        let allocations = (clusterIPs, nodePorts)
        defer { if options.dryRun { (clusterIPs, nodePorts) = allocations } }
        let object = try Self.updated(type, key, candidate, old: old, options: options, now: now) {
            try ResourceStrategies.prepare(&$0, old: old, type: type, state: &self)
        }
        return finishUpdate(type, key, object, old: old, options: options)
    }

    /// The object an update stores, decided from the candidate and the stored object alone
    /// (and whatever `prepare`, the type's strategy, reads).
    static func updated(
        _ type: ResourceType, _ key: ObjectKey, _ candidate: consuming JSONValue, old: JSONValue, options: WriteOptions,
        now: Time, prepare: (inout JSONValue) throws -> Void
    ) throws -> JSONValue {
        // Consumed, so that a candidate nobody else holds (a patch's result) is changed in
        // place below instead of copied.
        var object = type.toStorage(consume candidate)
        object["apiVersion"] = .string(type.storageAPIVersion)
        object["kind"] = .string(type.kind)
        if !object.name.isEmpty, object.name != key.name {
            throw APIError.badRequest(
                "the name of the object (\(object.name)) does not match the name on the URL (\(key.name))")
        }
        let requested = object.resourceVersion
        if !requested.isEmpty, requested != old.resourceVersion {
            throw APIError.conflict(type.groupResource, key.name, APIError.modifiedMessage)
        }
        if requested.isEmpty, type.isCustom {
            throw APIError.invalid(
                kind: type.kind, group: type.group, name: key.name,
                errors: [.invalid("metadata.resourceVersion", .number(0), "must be specified for an update")])
        }
        if options.subresource == "status" {
            var merged = old
            merged["status"] = object["status"]
            object = merged
        } else if type.hasStatus {
            object["status"] = old["status"]
        }
        for field in ["name", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
            object.setMetadata(field, old["metadata"]?[field])
        }
        object.setMetadata("namespace", type.namespaced ? .string(key.namespace) : nil)
        object.setMetadata("resourceVersion", .string(old.resourceVersion))
        if old.isBeingDeleted {
            let added = Set(object.finalizers).subtracting(old.finalizers)
            if !added.isEmpty {
                throw APIError.invalid(
                    kind: type.kind, group: type.group, name: key.name,
                    errors: [.forbidden("metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers \(goStringSlice(added.sorted()))")])
            }
        }
        try prepare(&object)
        if type.tracksGeneration, Self.specChanged(object, old) {
            object.setMetadata("generation", .number(Double((old["metadata"]?["generation"]?.intValue ?? 0) + 1)))
        }
        stampManagedFields(&object, old: old, type: type, options: options, time: now.description)
        return object
    }

    /// Stores what `updated` decided: nothing when nothing changed (or for a dry run); an
    /// object being deleted that lost its last finalizer goes. `encoded` is its encoding
    /// made ahead, if any.
    mutating func finishUpdate(
        _ type: ResourceType, _ key: ObjectKey, _ object: JSONValue, old: JSONValue, options: WriteOptions,
        encoded: EncodedTemplate? = nil
    ) -> JSONValue {
        var object = object
        if object == old || options.dryRun { return object }
        if object.isBeingDeleted, object.finalizers.isEmpty {
            // As etcd: the emptied object is deleted outright; the DELETED event carries the
            // last stored state.
            guard let event = remove(type.groupResource, key) else { return object }
            object.setMetadata("resourceVersion", .string(String(event.revision)))
            return object
        }
        return put(type, key, object, encoded: encoded).object
    }

    /// Anything but metadata and status changed: what bumps `metadata.generation`.
    static func specChanged(_ a: JSONValue, _ b: JSONValue) -> Bool {
        var changed = false
        (a.objectValue ?? [:]).forEachPairedByKey(with: b.objectValue ?? [:]) { key, x, y in
            switch key {
            case "metadata", "status", "apiVersion", "kind": break
            default: if !changed, x != y { changed = true }
            }
        }
        return changed
    }

    /// Objects cannot be created in a namespace that does not exist or is going away.
    func requireLiveNamespace(_ namespace: String, creating type: ResourceType, name: String) throws {
        let namespaces = GroupResource(group: "", resource: "namespaces")
        guard let ns = store.get(namespaces, ObjectKey(namespace: "", name: namespace)) else {
            throw APIError.notFound(namespaces, namespace)
        }
        if ns.isBeingDeleted {
            throw APIError.forbidden(
                type.groupResource, name,
                "unable to create new content in namespace \(namespace) because it is being terminated")
        }
    }
}

/// Go's `%#v` of a `[]string`, as finalizer errors print it.
func goStringSlice(_ items: [String]) -> String {
    "[]string{" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "}"
}
