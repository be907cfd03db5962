import KubeModel

/// The objects a reflector has seen, keyed `namespace/name`, and the rules that turn list
/// results and watch events into consumer events (with the previous object on updates).
/// Pure, so the rules are testable without a server.
public struct ReflectorStore<Object: KubernetesObject>: Sendable {
    public private(set) var objects: [String: Object] = [:]

    public init() {}

    /// Replaces the whole state with a fresh list.
    public mutating func replace(with items: [Object]) -> ReflectorEvent<Object> {
        var fresh: [String: Object] = [:]
        for item in items { fresh[item.key] = item }
        let deleted = objects.values
            .filter { old in fresh[old.key].map { $0.metadata.uid != old.metadata.uid } ?? true }
            .sorted { $0.key < $1.key }
        objects = fresh
        return .replaced(objects: items, deleted: deleted)
    }

    /// Applies one watch event. An ADDED for a known object (a replay after resuming) is an
    /// update; a MODIFIED for an unknown one is an add; a DELETED for an unknown one is still
    /// reported, so that consumers holding derived state drop it. Nil for event types that
    /// carry no object change (bookmarks, errors).
    public mutating func apply(_ event: WatchEvent<Object>) -> ReflectorEvent<Object>? {
        let object = event.object
        switch event.type {
        case .added, .modified:
            let old = objects.updateValue(object, forKey: object.key)
            return old.map { .updated(old: $0, new: object) } ?? .added(object)
        case .deleted:
            objects[object.key] = nil
            return .deleted(object)
        case .bookmark, .error:
            return nil
        }
    }
}
