import KubeModel

/// How stored objects are shown to one client: in the version it asked for, and as a Table
/// when it asked for one.
struct ObjectRenderer: Sendable {
    var type: ResourceType
    var table: TableConverter?

    /// Stored bytes can be sent as they are.
    var isIdentity: Bool { table == nil && type.version == type.storageVersion && type.conversion == nil }

    func render(_ object: JSONValue) -> JSONValue {
        var out = type.fromStorage(object)
        if type.version != type.storageVersion { out["apiVersion"] = .string(type.apiVersion) }
        guard let table else { return out }
        return table.table([out], listMetadata: ["resourceVersion": .string(object.resourceVersion)])
    }

    func renderList(_ objects: [JSONValue], metadata: JSONValue) -> JSONValue {
        var items = type.conversion == nil ? objects : objects.map(type.fromStorage)
        if type.version != type.storageVersion {
            for i in items.indices { items[i]["apiVersion"] = .string(type.apiVersion) }
        }
        if let table { return table.table(items, listMetadata: metadata) }
        return [
            "kind": .string(type.listKind), "apiVersion": .string(type.apiVersion), "metadata": metadata,
            "items": .array(items),
        ]
    }
}
