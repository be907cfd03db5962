/// The apply semantics of the built-in types kube-sim serves, from the `+listType`,
/// `+listMapKey`, `+mapType` and `+default` markers of k8s.io/api and metav1.
extension ApplySchema {
    public static func builtin(group: String, kind: String) -> ApplySchema? {
        switch (group, kind) {
        case ("", "Service"): service
        case ("", "ConfigMap"): withObjectMeta(["data": stringMap, "binaryData": stringMap])
        case ("", "Secret"): withObjectMeta(["data": stringMap, "stringData": stringMap])
        case ("", "Namespace"): withObjectMeta(["status": ApplySchema(fields: ["conditions": conditions])])
        case ("", "Endpoints"), ("", "Event"), ("discovery.k8s.io", "EndpointSlice"),
            ("coordination.k8s.io", "Lease"), ("events.k8s.io", "Event"):
            withObjectMeta([:])
        default: nil
        }
    }

    static let stringMap = ApplySchema(isMap: true)

    /// metav1.ObjectMeta: labels and annotations are maps, finalizers a set, ownerReferences keyed by uid.
    public static let objectMeta = ApplySchema(fields: [
        "labels": stringMap,
        "annotations": stringMap,
        "finalizers": ApplySchema(listType: .set),
        "ownerReferences": ApplySchema(listType: .map(keys: ["uid"])),
    ])

    static let conditions = ApplySchema(listType: .map(keys: ["type"]))

    public static let service = withObjectMeta([
        "spec": ApplySchema(fields: [
            "ports": ApplySchema(listType: .map(keys: ["port", "protocol"]), keyDefaults: ["protocol": "TCP"]),
            "selector": ApplySchema(isMap: true, isAtomic: true),
        ]),
        "status": ApplySchema(fields: ["conditions": conditions]),
    ])

    private static func withObjectMeta(_ fields: [String: ApplySchema]) -> ApplySchema {
        var all = fields
        all["metadata"] = objectMeta
        return ApplySchema(fields: all)
    }
}
