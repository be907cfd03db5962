import KubeModel

/// Every object of every resource, one global revision counter and the recent history.
///
/// A value type: the server keeps it inside one lock, so a write, the event it produces and
/// the watchers that receive it are all ordered by the same critical section.
struct ObjectStore: Sendable {
    private(set) var revision: Int
    private var collections: [GroupResource: [ObjectKey: JSONValue]] = [:]
    private(set) var history: EventHistory

    init(historyCapacity: Int, startRevision: Int = 1) {
        revision = startRevision
        history = EventHistory(capacity: historyCapacity, startRevision: startRevision)
    }

    /// A store holding objects read back from disk, resourceVersions kept, at `revision`.
    /// The history starts empty there: a watch from before the restart gets 410 and relists.
    init(restoring objects: [(resource: GroupResource, key: ObjectKey, object: JSONValue)], revision: Int, historyCapacity: Int) {
        self.init(historyCapacity: historyCapacity, startRevision: revision)
        for (resource, key, object) in objects { collections[resource, default: [:]][key] = object }
    }

    func get(_ resource: GroupResource, _ key: ObjectKey) -> JSONValue? {
        collections[resource]?[key]
    }

    /// The current objects of a resource, optionally in one namespace, in key order.
    func list(_ resource: GroupResource, namespace: String? = nil) -> [(key: ObjectKey, object: JSONValue)] {
        guard let collection = collections[resource] else { return [] }
        return Self.sorted(collection, namespace: namespace)
    }

    /// The resources that have (or had) objects.
    func resources() -> [GroupResource] { Array(collections.keys) }

    func count(_ resource: GroupResource) -> Int { collections[resource]?.count ?? 0 }

    /// The objects of a resource as they were at `atRevision`, in key order; nil when the
    /// history needed to roll back that far has been compacted.
    func snapshot(_ resource: GroupResource, namespace: String?, at atRevision: Int)
        -> [(key: ObjectKey, object: JSONValue)]?
    {
        if atRevision >= revision { return list(resource, namespace: namespace) }
        guard let newer = history.events(after: atRevision) else { return nil }
        var state = collections[resource] ?? [:]
        for event in newer.reversed() where event.resource == resource {
            switch event.kind {
            case .added: state[event.key] = nil
            case .modified, .deleted: state[event.key] = event.previous
            }
        }
        return Self.sorted(state, namespace: namespace)
    }

    private static func sorted(_ collection: [ObjectKey: JSONValue], namespace: String?)
        -> [(key: ObjectKey, object: JSONValue)]
    {
        var items: [(key: ObjectKey, object: JSONValue)] = []
        items.reserveCapacity(collection.count)
        for (key, value) in collection where namespace == nil || key.namespace == namespace {
            items.append((key, value))
        }
        items.sort { $0.key < $1.key }
        return items
    }

    /// Stores `object` (new or replacing) under the next revision and records the event.
    mutating func put(_ resource: GroupResource, _ key: ObjectKey, _ object: JSONValue) -> StoreEvent {
        revision += 1
        var stored = object
        stored.setMetadata("resourceVersion", .string(String(revision)))
        let previous = collections[resource, default: [:]].updateValue(stored, forKey: key)
        let event = StoreEvent(
            revision: revision, kind: previous == nil ? .added : .modified, resource: resource, key: key,
            object: stored, previous: previous)
        history.append(event)
        return event
    }

    /// Removes an object under the next revision; nil when there was none.
    mutating func remove(_ resource: GroupResource, _ key: ObjectKey) -> StoreEvent? {
        guard let previous = collections[resource]?.removeValue(forKey: key) else { return nil }
        revision += 1
        var last = previous
        last.setMetadata("resourceVersion", .string(String(revision)))
        let event = StoreEvent(
            revision: revision, kind: .deleted, resource: resource, key: key, object: last, previous: previous)
        history.append(event)
        return event
    }

    /// Drops the whole collection (a deleted CRD's objects are deleted one by one first;
    /// this only forgets the empty entry).
    mutating func dropCollection(_ resource: GroupResource) {
        collections[resource] = nil
    }

    mutating func compact() { history.compact(to: revision) }
}
