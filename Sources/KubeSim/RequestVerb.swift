extension Route.ResourceRoute {
    /// The Kubernetes verb of a request on this route, as kube-apiserver's `RequestInfoFactory`
    /// names it (and as RBAC and `apiserver_request_total` use it).
    func verb(for request: APIRequest) -> String {
        switch (request.method, name) {
        case ("GET", nil): return request.flag("watch") || watchPrefix ? "watch" : "list"
        case ("GET", _): return watchPrefix ? "watch" : "get"
        case ("POST", _): return "create"
        case ("PUT", _): return "update"
        case ("PATCH", _): return "patch"
        case ("DELETE", nil): return "deletecollection"
        case ("DELETE", _): return "delete"
        default: return request.method.lowercased()
        }
    }
}
