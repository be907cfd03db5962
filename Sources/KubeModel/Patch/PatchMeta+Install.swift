/// The strategic-merge metadata of the kinds an operator's install manifests hold (apps/v1
/// Deployments, ServiceAccounts, RBAC, PodDisruptionBudgets, NetworkPolicies), from the Go
/// struct tags of k8s.io/api. kubectl sends strategic merge patches for these kinds on every
/// re-apply, so the merge keys decide whether a changed container, port or env var is merged
/// into its list or replaces it.
extension PatchMeta {
    static func installKind(group: String, kind: String) -> PatchMeta? {
        switch (group, kind) {
        case ("apps", "Deployment"): deployment
        case ("", "ServiceAccount"):
            .object(["metadata": objectMeta, "secrets": .mergeList(key: "name")])
        case ("policy", "PodDisruptionBudget"):
            .object(["metadata": objectMeta, "status": .object(["conditions": conditions])])
        case ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "ClusterRole"),
            ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
            ("networking.k8s.io", "NetworkPolicy"):
            // No patch strategies below metadata: rules, subjects and peers are replaced whole.
            .object(["metadata": objectMeta])
        default: nil
        }
    }

    /// core/v1 Container.
    static let container = PatchMeta.mergeList(
        key: "name",
        fields: [
            "ports": .mergeList(key: "containerPort"),
            "env": .mergeList(key: "name"),
            "volumeMounts": .mergeList(key: "mountPath"),
            "volumeDevices": .mergeList(key: "devicePath"),
        ])

    /// core/v1 PodSpec.
    static let podSpec = PatchMeta.object([
        "volumes": PatchMeta([.merge, .retainKeys], mergeKey: "name"),
        "initContainers": container,
        "containers": container,
        "ephemeralContainers": container,
        "imagePullSecrets": .mergeList(key: "name"),
        "hostAliases": .mergeList(key: "ip"),
        "topologySpreadConstraints": .mergeList(key: "topologyKey"),
        "schedulingGates": .mergeList(key: "name"),
        "resourceClaims": PatchMeta([.merge, .retainKeys], mergeKey: "name"),
    ])

    /// apps/v1 Deployment.
    static let deployment = PatchMeta.object([
        "metadata": objectMeta,
        "spec": .object([
            "strategy": PatchMeta([.retainKeys]),
            "template": .object(["metadata": objectMeta, "spec": podSpec]),
        ]),
        "status": .object(["conditions": conditions]),
    ])
}
