import KubeModel

/// One committed change: what watches replay and what lets a list be rebuilt as of an older
/// revision (for `continue` tokens and `resourceVersionMatch=Exact`).
struct StoreEvent: Sendable {
    enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    var revision: Int
    var kind: Kind
    var resource: GroupResource
    var key: ObjectKey
    /// The object after the change; for a deletion the last state, stamped with the
    /// deletion's revision as etcd does.
    var object: JSONValue
    /// The object before the change (nil for ADDED).
    var previous: JSONValue?
}
