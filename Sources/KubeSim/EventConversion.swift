import KubeModel

/// How a resource served from another resource's storage is converted: events.k8s.io/v1
/// Events are core/v1 Events under other field names, one collection seen two ways, as in
/// kube-apiserver.
struct StorageConversion: Sendable {
    var storageResource: GroupResource
    var storageAPIVersion: String
    var toStorage: @Sendable (JSONValue) -> JSONValue
    var fromStorage: @Sendable (JSONValue) -> JSONValue
    /// A field-selector path of the served form, in the stored form.
    var storageField: @Sendable (String) -> String
}

enum EventConversion {
    /// events.k8s.io/v1 name → core/v1 name (pkg/apis/events/v1 conversion).
    static let renames: [(String, String)] = [
        ("regarding", "involvedObject"), ("note", "message"), ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"), ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"), ("reportingController", "reportingComponent"),
    ]

    static let eventsV1 = StorageConversion(
        storageResource: GroupResource(group: "", resource: "events"), storageAPIVersion: "v1",
        toStorage: { rename($0, from: 0, to: 1, apiVersion: "v1") },
        fromStorage: { rename($0, from: 1, to: 0, apiVersion: "events.k8s.io/v1") },
        storageField: { field in
            for (served, stored) in renames where field == served || field.hasPrefix(served + ".") {
                return stored + field.dropFirst(served.count)
            }
            return field
        })

    private static func rename(_ event: JSONValue, from: Int, to: Int, apiVersion: String) -> JSONValue {
        guard case .object(var members) = event else { return event }
        for pair in renames {
            let (source, target) = from == 0 ? (pair.0, pair.1) : (pair.1, pair.0)
            if let value = members.removeValue(forKey: source) { members[target] = value }
        }
        members["apiVersion"] = .string(apiVersion)
        return .object(members)
    }
}
