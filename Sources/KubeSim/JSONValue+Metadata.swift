import KubeModel

/// Accessors for the parts of an object the server reads and stamps.
extension JSONValue {
    var metadata: JSONObject { self["metadata"]?.objectValue ?? [:] }

    func metadataString(_ field: String) -> String? { self["metadata"]?[field]?.stringValue }

    var name: String { metadataString("name") ?? "" }
    var namespace: String { metadataString("namespace") ?? "" }
    var uid: String { metadataString("uid") ?? "" }
    var resourceVersion: String { metadataString("resourceVersion") ?? "" }

    var labels: [String: String] { stringMap(self["metadata"]?["labels"]) }
    var annotations: [String: String] { stringMap(self["metadata"]?["annotations"]) }

    var finalizers: [String] {
        self["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    var isBeingDeleted: Bool {
        if let stamp = self["metadata"]?["deletionTimestamp"], stamp != .null { return true }
        return false
    }

    /// Owner references as (uid, controller flag, blockOwnerDeletion flag).
    var ownerUIDs: [String] {
        self["metadata"]?["ownerReferences"]?.arrayValue?.compactMap { $0["uid"]?.stringValue } ?? []
    }

    /// Sets one metadata field in place; the enum payloads are detached first so that the
    /// objects are uniquely referenced and not copied (this runs on every write).
    mutating func setMetadata(_ field: String, _ value: JSONValue?) {
        guard case .object(var members) = self else { return }
        self = .null
        var meta = members.removeValue(forKey: "metadata")?.objectValue ?? [:]
        meta[field] = value
        members["metadata"] = .object(meta)
        self = .object(members)
    }

    private func stringMap(_ value: JSONValue?) -> [String: String] {
        guard let members = value?.objectValue else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in members { if let s = v.stringValue { out[k] = s } }
        return out
    }
}
