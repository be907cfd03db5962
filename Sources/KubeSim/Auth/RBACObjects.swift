import KubeModel

/// A Role or ClusterRole as RBAC evaluates it.
struct RBACRole: Sendable {
    var name: String
    /// Empty for a ClusterRole.
    var namespace: String
    var rules: [PolicyRule]
    /// A ClusterRole's `aggregationRule.clusterRoleSelectors`: its rules are those of every
    /// ClusterRole these select (what the clusterrole-aggregation controller maintains).
    var aggregationSelectors: [Selector]?
    var labels: [String: String]
}

/// A RoleBinding or ClusterRoleBinding as RBAC evaluates it.
struct RBACBinding: Sendable {
    var name: String
    /// Empty for a ClusterRoleBinding.
    var namespace: String
    var subjects: [Subject]
    var roleRef: RoleRef

    struct Subject: Codable, Sendable, Equatable {
        var kind: String
        var name: String
        var namespace: String?
        var apiGroup: String?
    }

    struct RoleRef: Codable, Sendable, Equatable {
        var kind: String
        var name: String
        var apiGroup: String?
    }

    /// Whether a subject names the user (`appliesToUser` in the RBAC authorizer): users by
    /// name, groups by membership, service accounts by their user name; a service account
    /// without a namespace in a RoleBinding means one in the binding's namespace.
    func applies(to user: UserInfo) -> Bool {
        subjects.contains { subject in
            switch subject.kind {
            case "User":
                return subject.name == user.name
            case "Group":
                return user.groups.contains(subject.name)
            case "ServiceAccount":
                let namespace = subject.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? namespace
                guard !namespace.isEmpty else { return false }
                return user.name == "\(UserInfo.serviceAccountPrefix)\(namespace):\(subject.name)"
            default:
                return false
            }
        }
    }
}
