import KubeModel

/// kube-apiserver's RBAC authorizer over a fixed set of Roles, ClusterRoles and bindings
/// (loaded from manifests, plus the bootstrap policy every cluster has). A request is
/// allowed when a rule of a role bound to the user allows it; otherwise it is denied, and
/// bindings to roles that do not exist are named in the reason, as RBAC does.
struct RBACPolicy: Sendable {
    private var clusterRoles: [String: RBACRole] = [:]
    /// Namespace → name → Role.
    private var roles: [String: [String: RBACRole]] = [:]
    private var clusterRoleBindings: [RBACBinding] = []
    /// Namespace → RoleBindings.
    private var roleBindings: [String: [RBACBinding]] = [:]

    enum Decision: Equatable {
        case allowed
        /// `reason` is empty, or `RBAC: ...` naming missing roles.
        case denied(reason: String)
    }

    init(roles: [RBACRole], bindings: [RBACBinding]) {
        for role in roles + BootstrapPolicy.clusterRoles {
            if role.namespace.isEmpty {
                clusterRoles[role.name] = role
            } else {
                self.roles[role.namespace, default: [:]][role.name] = role
            }
        }
        for binding in bindings + BootstrapPolicy.clusterRoleBindings {
            if binding.namespace.isEmpty {
                clusterRoleBindings.append(binding)
            } else {
                roleBindings[binding.namespace, default: []].append(binding)
            }
        }
        aggregateClusterRoles()
    }

    /// Fills aggregated ClusterRoles with the rules of the ClusterRoles their selectors match.
    private mutating func aggregateClusterRoles() {
        let sources = clusterRoles
        for (name, role) in sources {
            guard let selectors = role.aggregationSelectors else { continue }
            let matching = sources.values
                .filter { other in other.name != name && selectors.contains { $0.matches(other.labels) } }
                .sorted { $0.name < $1.name }
            clusterRoles[name]?.rules = matching.flatMap(\.rules)
        }
    }

    func authorize(_ user: UserInfo, _ request: RequestAttributes) -> Decision {
        var errors: [String] = []
        for binding in clusterRoleBindings where binding.applies(to: user) {
            guard let role = resolve(binding.roleRef, namespace: "", errors: &errors) else { continue }
            if role.rules.contains(where: { $0.allows(request) }) { return .allowed }
        }
        if !request.namespace.isEmpty {
            for binding in roleBindings[request.namespace] ?? [] where binding.applies(to: user) {
                guard let role = resolve(binding.roleRef, namespace: request.namespace, errors: &errors) else { continue }
                if role.rules.contains(where: { $0.allows(request) }) { return .allowed }
            }
        }
        // utilerrors.NewAggregate: one error as is, several in brackets.
        let reason = switch errors.count {
        case 0: ""
        case 1: "RBAC: \(errors[0])"
        default: "RBAC: [\(errors.joined(separator: ", "))]"
        }
        return .denied(reason: reason)
    }

    private func resolve(_ reference: RBACBinding.RoleRef, namespace: String, errors: inout [String]) -> RBACRole? {
        switch reference.kind {
        case "ClusterRole":
            if let role = clusterRoles[reference.name] { return role }
            errors.append("clusterrole.rbac.authorization.k8s.io \"\(reference.name)\" not found")
        case "Role" where !namespace.isEmpty:
            if let role = roles[namespace]?[reference.name] { return role }
            errors.append("role.rbac.authorization.k8s.io \"\(reference.name)\" not found")
        default:
            errors.append("unsupported role reference kind: \"\(reference.kind)\"")
        }
        return nil
    }
}
