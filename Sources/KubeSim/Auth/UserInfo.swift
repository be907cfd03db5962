/// Who made a request, as kube-apiserver's authenticators describe a user.
struct UserInfo: Sendable, Equatable {
    var name: String
    var uid: String = ""
    var groups: [String] = []

    static let authenticatedGroup = "system:authenticated"
    static let unauthenticatedGroup = "system:unauthenticated"
    /// The group whose members every authorizer lets through (kube-apiserver's privileged group).
    static let mastersGroup = "system:masters"
    static let serviceAccountPrefix = "system:serviceaccount:"

    static let anonymous = UserInfo(name: "system:anonymous", groups: [unauthenticatedGroup])

    /// `--token`'s user.
    static func admin() -> UserInfo {
        UserInfo(name: "admin", groups: [mastersGroup]).authenticated()
    }

    /// Adds `system:authenticated`, as kube-apiserver does for every authenticated user, and for
    /// a service-account name `system:serviceaccounts` and `system:serviceaccounts:NS`, the groups
    /// a real service-account token carries (so a static token can stand in for one).
    func authenticated() -> UserInfo {
        var user = self
        var extra = [Self.authenticatedGroup]
        if let namespace = serviceAccount?.namespace {
            extra += ["system:serviceaccounts", "system:serviceaccounts:\(namespace)"]
        }
        for group in extra where !user.groups.contains(group) { user.groups.append(group) }
        return user
    }

    /// The namespace and name of `system:serviceaccount:NS:NAME`.
    var serviceAccount: (namespace: String, name: String)? {
        guard name.hasPrefix(Self.serviceAccountPrefix) else { return nil }
        let parts = name.dropFirst(Self.serviceAccountPrefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
