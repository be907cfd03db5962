import KubeClient
import KubeModel

/// Which namespaces the operator serves: all of them, or with `--namespace-selector` those
/// whose labels match (kept up to date from a Namespace reflector).
///
/// Matching happens here, not in the watch's `labelSelector`: a namespace whose labels stop
/// matching must be noticed (and revoked from its worker), and a full watch reports that as
/// an ordinary update on every API server. Until the Namespaces are listed nothing matches,
/// so the operator does not touch a namespace it may not own. Pure; the coordinator feeds it.
public struct NamespaceScope: Sendable {
    /// nil: every namespace.
    public let selector: Selector?
    private var labels: [String: [String: String]] = [:]

    public init(selector: Selector?) {
        self.selector = selector
    }

    public func selects(_ namespace: String) -> Bool {
        guard let selector else { return true }
        return labels[namespace].map(selector.matches) ?? false
    }

    /// Namespaces currently selected (nil: all, no selector).
    public var selectedCount: Int? {
        selector.map { selector in labels.values.count { selector.matches($0) } }
    }

    /// Applies a Namespace event; returns the namespaces that entered or left the scope.
    public mutating func apply(_ event: ReflectorEvent<Namespace>) -> Set<String> {
        var changed = Set<String>()
        func update(_ namespace: Namespace, exists: Bool) {
            let name = namespace.metadata.name ?? ""
            let before = selects(name)
            labels[name] = exists ? namespace.metadata.labels ?? [:] : nil
            if selects(name) != before { changed.insert(name) }
        }
        switch event {
        case .added(let namespace), .updated(_, let namespace):
            update(namespace, exists: true)
        case .deleted(let namespace):
            update(namespace, exists: false)
        case .replaced(let namespaces, let deleted):
            for namespace in deleted { update(namespace, exists: false) }
            for namespace in namespaces { update(namespace, exists: true) }
        }
        return changed
    }
}
