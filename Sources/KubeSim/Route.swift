/// Where a request path points, following kube-apiserver's `RequestInfoFactory` rules.
enum Route: Equatable, Sendable {
    case version
    case health
    case legacyRoot  // /api
    case groupsRoot  // /apis
    case group(String)  // /apis/g
    case groupVersion(group: String, version: String)  // /api/v1, /apis/g/v
    case openAPIv2
    case openAPIv3Root
    case openAPIv3(groupVersion: String)
    case resource(ResourceRoute)
    /// kube-sim's own controls (`/admin/faults`, `/admin/compact`, `/admin/requests`).
    case admin(String)
    case notFound

    struct ResourceRoute: Equatable, Sendable {
        var group: String
        var version: String
        var namespace: String?
        var resource: String
        var name: String?
        var subresource: String?
        /// The deprecated `/watch/` path prefix.
        var watchPrefix = false
    }

    /// Namespace subresources that are not a resource inside the namespace.
    private static let namespaceSubresources: Set<String> = ["status", "finalize"]

    init(segments: [String]) {
        switch segments.first {
        case "version": self = segments.count == 1 ? .version : .notFound
        case "healthz", "livez", "readyz": self = .health
        case "admin": self = segments.count == 2 ? .admin(segments[1]) : .notFound
        case "openapi":
            if segments == ["openapi", "v2"] { self = .openAPIv2 }
            else if segments == ["openapi", "v3"] { self = .openAPIv3Root }
            else if segments.count > 2, segments[1] == "v3" {
                self = .openAPIv3(groupVersion: segments[2...].joined(separator: "/"))
            } else { self = .notFound }
        case "api":
            if segments.count == 1 { self = .legacyRoot; return }
            self = Self.resourceRoute(group: "", version: segments[1], rest: Array(segments.dropFirst(2)))
        case "apis":
            if segments.count == 1 { self = .groupsRoot; return }
            if segments.count == 2 { self = .group(segments[1]); return }
            self = Self.resourceRoute(group: segments[1], version: segments[2], rest: Array(segments.dropFirst(3)))
        default:
            self = .notFound
        }
    }

    private static func resourceRoute(group: String, version: String, rest: [String]) -> Route {
        var parts = rest
        if parts.isEmpty { return .groupVersion(group: group, version: version) }
        var watchPrefix = false
        if parts.first == "watch" {
            watchPrefix = true
            parts.removeFirst()
        }
        var namespace: String?
        if parts.first == "namespaces", parts.count > 1 {
            namespace = parts[1]
            if parts.count > 2, !namespaceSubresources.contains(parts[2]) {
                parts = Array(parts.dropFirst(2))
            } else {
                // The namespace object itself (`/api/v1/namespaces/x[/status]`).
                namespace = nil
            }
        }
        guard let resource = parts.first, parts.count <= 3 else { return .notFound }
        return .resource(
            ResourceRoute(
                group: group, version: version, namespace: namespace, resource: resource,
                name: parts.count > 1 ? parts[1] : nil, subresource: parts.count > 2 ? parts[2] : nil,
                watchPrefix: watchPrefix))
    }
}
