/// The strategic-merge metadata of the built-in types kube-sim serves, copied from their Go
/// struct tags (k8s.io/api core/v1, discovery/v1, coordination/v1, events/v1 and metav1).
///
/// Fields without a tag are absent: their lists (Endpoints `subsets`, EndpointSlice
/// `endpoints` and `ports`, Namespace `spec.finalizers`, Service `clusterIPs`...) are atomic and
/// replaced whole; their maps (`labels`, `data`, `selector`...) merge key by key.
extension PatchMeta {
    /// The metadata for a built-in kind, or nil when the API server would not accept a strategic
    /// merge patch for it (custom resources: answer `StrategicMergePatch.unsupportedForCustomResources`).
    public static func builtin(group: String, kind: String) -> PatchMeta? {
        switch (group, kind) {
        case ("", "Service"): service
        case ("", "Namespace"): namespace
        case ("", "Endpoints"), ("", "ConfigMap"), ("", "Secret"), ("", "Event"),
            ("discovery.k8s.io", "EndpointSlice"), ("coordination.k8s.io", "Lease"), ("events.k8s.io", "Event"):
            withObjectMeta([:])
        default: installKind(group: group, kind: kind)
        }
    }

    /// metav1.ObjectMeta: finalizers merge as a set, ownerReferences by `uid`.
    public static let objectMeta = PatchMeta.object([
        "finalizers": .primitiveSet,
        "ownerReferences": .mergeList(key: "uid"),
    ])

    /// metav1.Condition lists (`status.conditions`) merge by `type`.
    public static let conditions = PatchMeta.mergeList(key: "type")

    public static let service = withObjectMeta([
        "spec": .object(["ports": .mergeList(key: "port")]),
        "status": .object(["conditions": conditions]),
    ])

    public static let namespace = withObjectMeta([
        "status": .object(["conditions": conditions])
    ])

    private static func withObjectMeta(_ fields: [String: PatchMeta]) -> PatchMeta {
        var all = fields
        all["metadata"] = objectMeta
        return .object(all)
    }
}
