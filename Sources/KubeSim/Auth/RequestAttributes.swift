import KubeModel

/// What authorization looks at, derived from the request as kube-apiserver's
/// `RequestInfoFactory` does: a resource request (verb, API group, resource, subresource,
/// namespace, name) or a non-resource request (lower-cased method and path).
struct RequestAttributes: Sendable, Equatable {
    var verb: String
    var isResourceRequest: Bool
    var path: String = ""
    var group: String = ""
    var resource: String = ""
    var subresource: String = ""
    var namespace: String = ""
    var name: String = ""

    init(_ request: APIRequest, route: Route) {
        guard case .resource(let target) = route else {
            verb = request.method.lowercased()
            isResourceRequest = false
            path = "/" + request.segments.joined(separator: "/")
            return
        }
        isResourceRequest = true
        group = target.group
        resource = target.resource
        subresource = target.subresource ?? ""
        name = target.name ?? ""
        // `/api/v1/namespaces/NAME` is a request in namespace NAME (kube-apiserver reads the
        // namespace from the path before it knows the resource is `namespaces`).
        namespace = target.namespace ?? (target.resource == "namespaces" ? name : "")
        if target.watchPrefix {
            verb = "watch"
            return
        }
        switch request.method {
        case "POST": verb = "create"
        case "GET", "HEAD": verb = "get"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = "delete"
        default: verb = ""
        }
        if name.isEmpty, verb == "get" {
            let watch = request.query["watch"].map { !["false", "0"].contains($0.lowercased()) } ?? false
            verb = watch ? "watch" : "list"
            name = Self.exactName(fieldSelector: request.query["fieldSelector"])
        }
        if name.isEmpty, verb == "delete" { verb = "deletecollection" }
    }

    /// The name a field selector pins (`metadata.name=x`), which list and watch requests are
    /// authorized against, so a rule with `resourceNames` can allow watching one object.
    private static func exactName(fieldSelector: String?) -> String {
        guard let fieldSelector, let selector = try? FieldSelector.parse(fieldSelector) else { return "" }
        guard let term = selector.terms.first(where: { $0.field == "metadata.name" && !$0.negated }) else { return "" }
        let valid = !["", ".", ".."].contains(term.value) && !term.value.contains("/") && !term.value.contains("%")
        return valid ? term.value : ""
    }

    /// `resource/subresource`, the form rules and messages use.
    var combinedResource: String { subresource.isEmpty ? resource : "\(resource)/\(subresource)" }
}
