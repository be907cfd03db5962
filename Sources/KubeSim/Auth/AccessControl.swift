/// kube-sim's authentication and authorization, run before a request is served as
/// kube-apiserver's filters run them: who is asking (401 if the credentials prove nothing),
/// then whether RBAC lets them (403 naming user, verb and resource).
///
/// Anonymous requests may only read the health and version endpoints: kube-apiserver with
/// anonymous access limited to those paths (`anonymous.conditions` in its authentication
/// configuration), which answers 401 elsewhere. The `/admin` endpoints are kube-sim's own
/// test controls and stay open.
struct AccessControl: Sendable {
    var authenticator: Authenticator
    /// nil: every authenticated user may do everything (kube-apiserver's AlwaysAllow).
    var policy: RBACPolicy?

    /// The error to answer instead of serving the request, or nil to serve it.
    func denial(for request: APIRequest, route: Route) -> APIError? {
        if case .admin = route { return nil }
        let attributes = RequestAttributes(request, route: route)
        let user: UserInfo
        switch authenticator.authenticate(request) {
        case .authenticated(let authenticated):
            user = authenticated
        case .rejected:
            return .unauthorized
        case .anonymous:
            let isPublic = !attributes.isResourceRequest && attributes.verb == "get"
                && BootstrapPolicy.publicInfoURLs.contains(attributes.path)
            return isPublic ? nil : .unauthorized
        }
        // kube-apiserver's privileged-group authorizer runs before RBAC.
        guard let policy, !user.groups.contains(UserInfo.mastersGroup) else { return nil }
        switch policy.authorize(user, attributes) {
        case .allowed: return nil
        case .denied(let reason): return .forbidden(user, attributes, reason: reason)
        }
    }
}
