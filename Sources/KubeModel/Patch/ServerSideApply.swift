/// Server-side apply and field ownership, following structured-merge-diff's `Updater`
/// (simplified: one API version, no schema-change reconciliation, no cap on Update managers,
/// no "before-first-apply" manager for objects that predate managed fields).
///
/// Apply: the configuration's fields become the applying manager's set; fields it applied
/// before and no longer names are removed unless another manager (or its new set) still owns
/// something there; fields that change and belong to someone else are conflicts (409) unless
/// `force`, which takes them over. Update (any other write): the writer takes over every field
/// it changes, and removed fields leave every set.
///
/// `resetFields` are the subtrees the endpoint's strategy resets and never records owners for
/// (`status` when writing the main resource, `spec` when writing `/status`); an applied
/// configuration's values there are dropped.
///
/// The returned object's `metadata.managedFields` is not touched: store the new set with
/// `ManagedFieldSet.stored(in:)`.
public enum ServerSideApply {
    /// Fields the API server never records an owner for (`stripmeta`).
    static let ignored: Set<FieldPath> = [
        FieldPath(fields: "apiVersion"), FieldPath(fields: "kind"), FieldPath(fields: "metadata"),
        FieldPath(fields: "metadata", "name"), FieldPath(fields: "metadata", "namespace"),
        FieldPath(fields: "metadata", "creationTimestamp"), FieldPath(fields: "metadata", "selfLink"),
        FieldPath(fields: "metadata", "uid"), FieldPath(fields: "metadata", "clusterName"),
        FieldPath(fields: "metadata", "generation"), FieldPath(fields: "metadata", "managedFields"),
        FieldPath(fields: "metadata", "resourceVersion"),
    ]

    /// The length of the longest ignored path: longer paths (nearly all of a create's) cannot
    /// be ignored and are not hashed to be looked up.
    private static let longestIgnored = ignored.map(\.elements.count).max() ?? 0

    private static let managedFieldsPath = FieldPath(fields: "metadata", "managedFields")

    static func isTracked(_ path: FieldPath, resetFields: [FieldPath]) -> Bool {
        !(path.elements.count <= longestIgnored && ignored.contains(path)) && !path.hasPrefix(managedFieldsPath)
            && !resetFields.contains(where: path.hasPrefix)
    }

    public static func apply(
        applied: JSONValue, to live: JSONValue?, manager: String, force: Bool, managedFields: ManagedFieldSet,
        schema: ApplySchema = .deduced, time: String? = nil, subresource: String? = nil, resetFields: [FieldPath] = []
    ) throws(ApplyConflicts) -> (object: JSONValue, managedFields: ManagedFieldSet) {
        let liveObject = live ?? .object([:])
        var applied = applied
        for path in resetFields { FieldWalks.remove(path.elements[...], from: &applied, schema: schema) }
        let apiVersion = applied["apiVersion"]?.stringValue ?? liveObject["apiVersion"]?.stringValue ?? ""
        let applier = ManagedFieldSet.Entry(
            manager: manager, operation: .apply, apiVersion: apiVersion, time: time, subresource: subresource,
            fields: FieldSet(FieldWalks.fieldSet(of: applied, schema: schema).filter { isTracked($0, resetFields: resetFields) }))
        let previous = managedFields.entries.first { $0.sameManager(as: applier) }?.fields.paths ?? []
        let others = managedFields.entries.filter { !$0.sameManager(as: applier) }

        var object = FieldWalks.merge(liveObject, applied, schema: schema) ?? applied
        let stillOwned = FieldSet(applier.fields.paths.union(others.flatMap(\.fields.paths)))
        var removed: [FieldPath] = []
        for path in previous.subtracting(applier.fields.paths).sorted() where !stillOwned.covers(path) {
            // An item goes whole; its fields, later in the order, are gone with it.
            if removed.contains(where: path.hasPrefix) { continue }
            removed.append(path)
            if FieldWalks.remove(path.elements[...], from: &object, schema: schema) {
                removeEmptyAncestors(of: path, in: &object, owned: stillOwned, schema: schema)
            }
        }

        let comparison = FieldWalks.compare(liveObject, object, schema: schema)
        let changed = comparison.modified.union(comparison.added)
        var conflicts: [ApplyConflicts.Conflict] = []
        for entry in others {
            for path in entry.fields.paths.intersection(changed) {
                conflicts.append(ApplyConflicts.Conflict(manager: entry.conflictName, path: path))
            }
        }
        if !conflicts.isEmpty && !force {
            throw ApplyConflicts(conflicts: conflicts.sorted { ($0.manager, $0.path) < ($1.manager, $1.path) })
        }

        var entries = others.compactMap { entry -> ManagedFieldSet.Entry? in
            var kept = entry
            kept.fields.paths.subtract(changed)
            kept.fields.paths.subtract(comparison.removed)
            return kept.fields.isEmpty ? nil : kept
        }
        if !applier.fields.isEmpty { entries.append(applier) }
        return (object, ManagedFieldSet(entries))
    }

    /// Records a write that is not an apply (create, update, patch) by `manager`.
    ///
    /// A create passes `old: nil`; it is compared with the bare skeleton of the new object's
    /// structs, as Go compares with the zero value of the type, so struct fields such as
    /// `spec` are owned through their children only. `changes`, when given, are
    /// `updateChanges` of the same `old`, `new`, `schema` and `resetFields`.
    public static func update(
        from old: JSONValue?, to new: JSONValue, manager: String, managedFields: ManagedFieldSet,
        schema: ApplySchema = .deduced, time: String? = nil, subresource: String? = nil, resetFields: [FieldPath] = [],
        changes: UpdateChanges? = nil
    ) -> ManagedFieldSet {
        let changes = changes ?? updateChanges(from: old, to: new, schema: schema, resetFields: resetFields)
        let (changed, removed) = (changes.changed, changes.removed)
        var writer = ManagedFieldSet.Entry(
            manager: manager, operation: .update, apiVersion: new["apiVersion"]?.stringValue ?? "", time: time,
            subresource: subresource, fields: FieldSet())
        var entries: [ManagedFieldSet.Entry] = []
        for entry in managedFields.entries {
            if entry.sameManager(as: writer) {
                writer.fields = entry.fields
                if changed.isEmpty { writer.time = entry.time }
                continue
            }
            var kept = entry
            kept.fields.paths.subtract(changed)
            kept.fields.paths.subtract(removed)
            if !kept.fields.isEmpty { entries.append(kept) }
        }
        writer.fields.paths.subtract(removed)
        if writer.fields.paths.isEmpty { writer.fields.paths = changed } else { writer.fields.paths.formUnion(changed) }
        if !writer.fields.isEmpty { entries.append(writer) }
        return ManagedFieldSet(entries)
    }

    /// What an Update does to field ownership: the tracked paths it adds or modifies, which move
    /// to the writer, and every path it removes, which leaves every set.
    public struct UpdateChanges: Sendable {
        public var changed: Set<FieldPath>
        public var removed: Set<FieldPath>
    }

    /// The `UpdateChanges` of an Update from `old` to `new`; `update` takes them ready-made
    /// from a caller that needed them first.
    public static func updateChanges(
        from old: JSONValue?, to new: JSONValue, schema: ApplySchema = .deduced, resetFields: [FieldPath] = []
    ) -> UpdateChanges {
        let before = old ?? skeleton(of: new, schema: schema)
        var comparison = FieldWalks.compare(before, new, schema: schema)
        // Built without rehashing every path when it can be: a create adds a path per field,
        // modifies none, and few of its paths are untracked. `added` is emptied so that
        // `changed` owns its storage and the filtering does not copy it.
        var changed = comparison.modified.isEmpty ? comparison.added : comparison.modified.union(comparison.added)
        comparison.added = []
        changed.subtract(changed.filter { !isTracked($0, resetFields: resetFields) })
        return UpdateChanges(changed: changed, removed: comparison.removed)
    }

    /// After removing an applied field, struct fields left empty go too, unless someone owns them
    /// (`metadata` itself always stays).
    private static func removeEmptyAncestors(of path: FieldPath, in object: inout JSONValue, owned: FieldSet, schema: ApplySchema) {
        var ancestor = path.elements.dropLast()
        while ancestor.count > 1 || ancestor.first != .field("metadata"), !ancestor.isEmpty, case .field = ancestor.last {
            let current = FieldWalks.value(at: ancestor, in: object, schema: schema)
            guard current == .object([:]) || current == .array([]), !owned.covers(FieldPath(Array(ancestor))) else { return }
            FieldWalks.remove(ancestor, from: &object, schema: schema)
            ancestor = ancestor.dropLast()
        }
    }

    /// The value's struct objects with nothing in them: what Go's zero value of the type would hold.
    private static func skeleton(of value: JSONValue, schema: ApplySchema) -> JSONValue {
        guard case .object(let members) = value, !schema.isMap, !schema.isAtomic else { return .object([:]) }
        var kept: JSONObject = [:]
        for (key, member) in members where member.objectValue != nil && !schema.child(key).isMap && !schema.child(key).isAtomic {
            kept[key] = skeleton(of: member, schema: schema.child(key))
        }
        return .object(kept)
    }
}
