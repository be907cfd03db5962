/// `metadata.managedFields`: which manager owns which fields, by operation.
public struct ManagedFieldSet: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public enum Operation: String, Sendable, Hashable {
            case apply = "Apply"
            case update = "Update"
        }

        public var manager: String
        public var operation: Operation
        public var apiVersion: String
        /// RFC 3339, as the API server writes it; nil when absent.
        public var time: String?
        public var subresource: String?
        public var fields: FieldSet

        public init(
            manager: String, operation: Operation, apiVersion: String, time: String? = nil, subresource: String? = nil,
            fields: FieldSet
        ) {
            self.manager = manager
            self.operation = operation
            self.apiVersion = apiVersion
            self.time = time
            self.subresource = subresource
            self.fields = fields
        }

        /// An Apply manager is one entry whatever the version; Update managers are per version.
        func sameManager(as other: Entry) -> Bool {
            manager == other.manager && operation == other.operation && subresource == other.subresource
                && (operation == .apply || apiVersion == other.apiVersion)
        }

        /// How kube-apiserver names the manager in a conflict (`printManager`).
        var conflictName: String {
            var name = GoFormat.quote(manager)
            if let subresource, !subresource.isEmpty { name += " with subresource \(GoFormat.quote(subresource))" }
            if operation == .update {
                name += " using \(apiVersion)"
                if let time { name += " at \(time)" }
            }
            return name
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads `metadata.managedFields` of an object (or the list itself); malformed entries are skipped.
    public init(json: JSONValue?) {
        let list = json?["metadata"]?["managedFields"]?.arrayValue ?? json?.arrayValue ?? []
        entries = list.compactMap { item in
            guard let manager = item["manager"]?.stringValue,
                let operation = item["operation"]?.stringValue.flatMap(Entry.Operation.init)
            else { return nil }
            return Entry(
                manager: manager, operation: operation, apiVersion: item["apiVersion"]?.stringValue ?? "",
                time: item["time"]?.stringValue, subresource: item["subresource"]?.stringValue,
                fields: FieldSet(fieldsV1: item["fieldsV1"] ?? [:]))
        }
    }

    /// The object with this set as its `metadata.managedFields` (removed when empty, as the API
    /// server does).
    public func stored(in object: JSONValue) -> JSONValue {
        var object = object
        var metadata = object["metadata"] ?? .object([:])
        if entries.isEmpty {
            metadata["managedFields"] = Optional<JSONValue>.none
        } else {
            metadata["managedFields"] = json
        }
        object["metadata"] = metadata
        return object
    }

    /// The `metadata.managedFields` list, sorted as the API server sorts it (operation, time, manager, version).
    public var json: JSONValue {
        let sorted = entries.sorted {
            ($0.operation.rawValue, $0.time ?? "", $0.manager, $0.apiVersion, $0.subresource ?? "")
                < ($1.operation.rawValue, $1.time ?? "", $1.manager, $1.apiVersion, $1.subresource ?? "")
        }
        return .array(sorted.map { entry in
            var item: JSONObject = [
                "manager": .string(entry.manager), "operation": .string(entry.operation.rawValue),
                "apiVersion": .string(entry.apiVersion), "fieldsType": "FieldsV1", "fieldsV1": entry.fields.fieldsV1,
            ]
            if let time = entry.time { item["time"] = .string(time) }
            if let subresource = entry.subresource, !subresource.isEmpty { item["subresource"] = .string(subresource) }
            return .object(item)
        })
    }
}
