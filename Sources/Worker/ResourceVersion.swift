/// Ordering of resourceVersions. They are opaque strings to clients, but every API server in
/// use (etcd-backed and kube-sim alike) writes decimal revisions, and comparing them is what
/// lets a worker keep the copy an API response gave it when a watch echo of an older
/// version of the same object arrives later — otherwise the echo would look like a change
/// and cause a write back.
enum ResourceVersion {
    /// Whether `candidate` should replace `stored`: a numerically newer version; or, when
    /// either does not parse as a number, any different one (nothing better is known).
    static func supersedes(_ candidate: String?, _ stored: String?) -> Bool {
        guard let stored else { return true }
        guard let candidate else { return false }
        if let new = UInt64(candidate), let old = UInt64(stored) { return new > old }
        return candidate != stored
    }

    /// Whether `version` is older than `stored` (a delete carrying it refers to a previous
    /// incarnation); unknown ordering counts as not older.
    static func precedes(_ version: String?, _ stored: String?) -> Bool {
        guard let version, let stored, let old = UInt64(version), let new = UInt64(stored) else { return false }
        return old < new
    }
}
