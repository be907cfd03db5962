import KubeModel

/// The `metadata.managedFields` an Update leaves when no manager's field set changes, worked
/// out on the stored list without reading any `fieldsV1` trie into paths.
///
/// Why: parsing every manager's `fieldsV1` into path sets and rendering them back cost about
/// a quarter of a write's CPU, yet a controller patching fields it already owns changes no
/// set at all. When the writer already owns every field the write adds or changes, nobody
/// else owns any of them and nobody owns a field it removes, every set stays as stored: only
/// the writer's `time` moves (when anything changed) and the list is sorted again.
/// `ServerSideApply.update` gives the same answer then; in every other case this returns nil
/// and that runs.
///
/// It relies on the stored list being this server's own rendering (`ManagedFieldSet.json`),
/// which every write stores: each entry is then exactly what re-rendering it would give.
enum UpdateOwnership {
    static func unchangedSets(
        old: JSONValue, new: JSONValue, changes: ServerSideApply.UpdateChanges, manager: String, subresource: String?,
        time: String
    ) -> JSONValue? {
        guard let stored = old["metadata"]?["managedFields"]?.arrayValue, !stored.isEmpty else { return nil }
        var entries: [Entry] = []
        for item in stored {
            guard let entry = Entry(item) else { return nil }
            entries.append(entry)
        }
        let apiVersion = new["apiVersion"]?.stringValue ?? ""
        let writers = entries.indices.filter {
            entries[$0].isUpdate(by: manager, apiVersion: apiVersion, subresource: subresource)
        }
        guard writers.count == 1, let writer = writers.first else { return nil }

        // Each path is spelled in fieldsV1 keys once, not once per entry it is looked up in.
        let changed = changes.changed.map(Entry.trieKeys)
        let removed = changes.removed.map(Entry.trieKeys)
        guard changed.allSatisfy({ entries[writer].owns($0) }) else { return nil }
        for (index, entry) in entries.enumerated() {
            if removed.contains(where: entry.owns) { return nil }
            if index != writer, changed.contains(where: entry.owns) { return nil }
        }
        if !changed.isEmpty { entries[writer].setTime(time) }
        return .array(entries.sorted { $0.order < $1.order }.map(\.json))
    }

    /// One stored entry, kept as its JSON; nil unless it is in the shape `ManagedFieldSet.json`
    /// renders (anything else is left to the full computation, which would rewrite it).
    private struct Entry {
        private(set) var json: JSONValue
        let manager: String
        let operation: String
        let apiVersion: String
        private(set) var time: String?
        let subresource: String?
        let fields: JSONValue

        /// One pass over the entry's members, with a switch rather than a lookup per field:
        /// this runs for every entry of every write.
        init?(_ item: JSONValue) {
            guard case .object(let members) = item else { return nil }
            var manager: String?
            var operation: String?
            var apiVersion: String?
            var fieldsType: JSONValue?
            var fields: JSONValue?
            var time: String?
            var subresource: String?
            for (key, value) in members {
                switch key {
                case "manager": manager = value.stringValue
                case "operation": operation = value.stringValue
                case "apiVersion": apiVersion = value.stringValue
                case "fieldsType": fieldsType = value
                case "fieldsV1": fields = value
                case "time":
                    guard let text = value.stringValue else { return nil }
                    time = text
                case "subresource":
                    guard let text = value.stringValue, !text.isEmpty else { return nil }
                    subresource = text
                default: return nil
                }
            }
            guard let manager, let operation, ManagedFieldSet.Entry.Operation(rawValue: operation) != nil,
                let apiVersion, fieldsType == "FieldsV1", let fields, fields.objectValue?.isEmpty == false
            else { return nil }
            json = item
            self.manager = manager
            self.operation = operation
            self.apiVersion = apiVersion
            self.time = time
            self.subresource = subresource
            self.fields = fields
        }

        /// `ManagedFieldSet.Entry.sameManager` for the writer of an Update.
        func isUpdate(by manager: String, apiVersion: String, subresource: String?) -> Bool {
            self.manager == manager && operation == ManagedFieldSet.Entry.Operation.update.rawValue
                && self.subresource == subresource && self.apiVersion == apiVersion
        }

        /// A path as the keys of the `fieldsV1` trie that lead to it.
        static func trieKeys(_ path: FieldPath) -> [String] { path.elements.map(\.fieldsV1Key) }

        /// Whether the set holds the path spelled by `keys` itself, read from the trie as
        /// `FieldSet(fieldsV1:)` reads it: a node is a member when it is a leaf or carries `.`.
        func owns(_ keys: [String]) -> Bool {
            guard !keys.isEmpty else { return false }
            var node = fields
            for key in keys {
                guard let child = node[key] else { return false }
                node = child
            }
            guard let members = node.objectValue else { return true }
            return members.isEmpty || members["."] != nil
        }

        mutating func setTime(_ time: String) {
            self.time = time
            json["time"] = .string(time)
        }

        /// The order `ManagedFieldSet.json` sorts entries in.
        var order: (String, String, String, String, String) {
            (operation, time ?? "", manager, apiVersion, subresource ?? "")
        }
    }
}
