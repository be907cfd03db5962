import KubeModel

/// Where each object lives by uid, and which objects name each uid as an owner: what the
/// garbage collector needs without scanning the store.
struct OwnerIndex: Sendable {
    struct Location: Hashable, Sendable {
        var resource: GroupResource
        var key: ObjectKey
    }

    private(set) var byUID: [String: Location] = [:]
    private(set) var dependents: [String: Set<Location>] = [:]

    func location(of uid: String) -> Location? { byUID[uid] }

    func dependents(of uid: String) -> [Location] { Array(dependents[uid] ?? []) }

    mutating func apply(_ event: StoreEvent) {
        let location = Location(resource: event.resource, key: event.key)
        if let previous = event.previous {
            for owner in previous.ownerUIDs { dependents[owner]?.remove(location) }
            if dependents.isEmpty == false {
                for owner in previous.ownerUIDs where dependents[owner]?.isEmpty == true { dependents[owner] = nil }
            }
        }
        if event.kind == .deleted {
            byUID[event.object.uid] = nil
        } else {
            byUID[event.object.uid] = location
            for owner in event.object.ownerUIDs { dependents[owner, default: []].insert(location) }
        }
    }
}
