import KubeModel

/// The kinds an operator's install manifests hold besides CRDs and Services: workloads,
/// identities, RBAC, disruption budgets and network policies. kube-sim stores and serves
/// them (so `kubectl apply --dry-run=server` and `kubectl apply` of `deploy/` work) without
/// acting on them: no pods are scheduled, no rule is enforced by storing it.
enum InstallResources {
    static let all: [ResourceType] = [
        ResourceType(
            group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount", singular: "serviceaccount",
            namespaced: true, shortNames: ["sa"], columns: [age], storageVersion: "v1"),
        ResourceType(
            group: "apps", version: "v1", resource: "deployments", kind: "Deployment", singular: "deployment",
            namespaced: true, shortNames: ["deploy"], categories: ["all"], hasStatus: true, tracksGeneration: true,
            columns: [
                BuiltinResources.path("Replicas", ".spec.replicas", type: "integer"),
                BuiltinResources.path("Available", ".status.availableReplicas", type: "integer"), age,
            ], storageVersion: "v1"),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", kind: "Role", singular: "role",
            namespaced: true, columns: [BuiltinResources.path("Created At", ".metadata.creationTimestamp")],
            storageVersion: "v1"),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", kind: "ClusterRole",
            singular: "clusterrole", namespaced: false,
            columns: [BuiltinResources.path("Created At", ".metadata.creationTimestamp")], storageVersion: "v1"),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", kind: "RoleBinding",
            singular: "rolebinding", namespaced: true,
            columns: [BuiltinResources.path("Role", ".roleRef.name"), age], storageVersion: "v1"),
        ResourceType(
            group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings",
            kind: "ClusterRoleBinding", singular: "clusterrolebinding", namespaced: false,
            columns: [BuiltinResources.path("Role", ".roleRef.name"), age], storageVersion: "v1"),
        ResourceType(
            group: "policy", version: "v1", resource: "poddisruptionbudgets", kind: "PodDisruptionBudget",
            singular: "poddisruptionbudget", namespaced: true, shortNames: ["pdb"], hasStatus: true,
            tracksGeneration: true,
            columns: [
                BuiltinResources.path("Min Available", ".spec.minAvailable"),
                BuiltinResources.path("Max Unavailable", ".spec.maxUnavailable"), age,
            ], storageVersion: "v1"),
        ResourceType(
            group: "networking.k8s.io", version: "v1", resource: "networkpolicies", kind: "NetworkPolicy",
            singular: "networkpolicy", namespaced: true, shortNames: ["netpol"],
            columns: [BuiltinResources.computed("Pod-Selector", podSelector), age], storageVersion: "v1"),
    ]

    private static var age: PrinterColumn { BuiltinResources.age }

    /// `app=web,tier=front`, as kubectl prints a NetworkPolicy's pod selector.
    private static func podSelector(_ policy: JSONValue) -> JSONValue {
        let labels = policy["spec"]?["podSelector"]?["matchLabels"]?.objectValue ?? [:]
        let text = labels.map { "\($0.key)=\($0.value.stringValue ?? "")" }
        return .string(text.isEmpty ? "<none>" : text.joined(separator: ","))
    }
}
