import KubeModel

/// JSON merge patch (RFC 7386) between two versions of an object, as controller-runtime's
/// `client.MergeFrom` sends it: changed members only, deleted map keys as `null`, lists
/// replaced whole. Members our model does not know are in neither version and so are never
/// touched on the server.
enum MergePatch {
    /// The patch turning `old` into `new`; an empty object when they encode identically.
    static func between<Object: Encodable>(_ old: Object, _ new: Object) throws -> JSONValue {
        JSONMergePatch.create(from: try json(old), to: try json(new)) ?? .object([:])
    }

    static func json<Object: Encodable>(_ value: Object) throws -> JSONValue {
        try JSONValueEncoder.encode(value)
    }
}
