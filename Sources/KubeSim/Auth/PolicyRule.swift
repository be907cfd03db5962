/// One rule of a Role or ClusterRole (`rbac.authorization.k8s.io/v1` PolicyRule) and the
/// RBAC authorizer's matching of a request against it (`rbac.RuleAllows`).
struct PolicyRule: Codable, Sendable, Equatable {
    var verbs: [String]
    var apiGroups: [String]?
    var resources: [String]?
    var resourceNames: [String]?
    var nonResourceURLs: [String]?

    static let all = "*"

    func allows(_ request: RequestAttributes) -> Bool {
        guard Self.matches(verbs, request.verb) else { return false }
        guard request.isResourceRequest else { return matchesNonResourceURL(request.path) }
        return Self.matches(apiGroups ?? [], request.group)
            && matchesResource(request.combinedResource, subresource: request.subresource)
            && (resourceNames ?? []).isEmptyOrContains(request.name)
    }

    private static func matches(_ values: [String], _ requested: String) -> Bool {
        values.contains(all) || values.contains(requested)
    }

    /// `*`, the exact `resource[/subresource]`, or `*/subresource`.
    private func matchesResource(_ combined: String, subresource: String) -> Bool {
        (resources ?? []).contains { rule in
            rule == Self.all || rule == combined || (!subresource.isEmpty && rule == "*/\(subresource)")
        }
    }

    /// Exact paths, or a prefix ending in `*`.
    private func matchesNonResourceURL(_ path: String) -> Bool {
        (nonResourceURLs ?? []).contains { rule in
            rule == Self.all || rule == path || (rule.hasSuffix("*") && path.hasPrefix(String(rule.dropLast())))
        }
    }
}

extension Array where Element == String {
    fileprivate func isEmptyOrContains(_ value: String) -> Bool { isEmpty || contains(value) }
}
