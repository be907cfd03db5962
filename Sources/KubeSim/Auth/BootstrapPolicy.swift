/// The part of kube-apiserver's bootstrap RBAC policy that matters to clients of kube-sim:
/// `cluster-admin` (so manifests can bind it), discovery and OpenAPI for every authenticated
/// user (`system:discovery`), and the health and version endpoints for everyone
/// (`system:public-info-viewer`).
enum BootstrapPolicy {
    static let publicInfoURLs = ["/healthz", "/livez", "/readyz", "/version", "/version/"]

    static let clusterRoles: [RBACRole] = [
        role(
            "cluster-admin",
            [
                PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
                PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
            ]),
        role(
            "system:discovery",
            [PolicyRule(verbs: ["get"], nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*"] + publicInfoURLs)]
        ),
        role("system:public-info-viewer", [PolicyRule(verbs: ["get"], nonResourceURLs: publicInfoURLs)]),
    ]

    static let clusterRoleBindings: [RBACBinding] = [
        binding("cluster-admin", groups: [UserInfo.mastersGroup]),
        binding("system:discovery", groups: [UserInfo.authenticatedGroup]),
        binding("system:public-info-viewer", groups: [UserInfo.authenticatedGroup, UserInfo.unauthenticatedGroup]),
    ]

    private static func role(_ name: String, _ rules: [PolicyRule]) -> RBACRole {
        RBACRole(name: name, namespace: "", rules: rules, aggregationSelectors: nil, labels: [:])
    }

    private static func binding(_ name: String, groups: [String]) -> RBACBinding {
        RBACBinding(
            name: name, namespace: "",
            subjects: groups.map { RBACBinding.Subject(kind: "Group", name: $0, apiGroup: "rbac.authorization.k8s.io") },
            roleRef: RBACBinding.RoleRef(kind: "ClusterRole", name: name, apiGroup: "rbac.authorization.k8s.io"))
    }
}
