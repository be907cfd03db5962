import KubeModel

/// The open watches, by resource. Lives inside the server's lock next to the store, so every
/// watcher sees events in revision order with no gap between its initial state and the
/// stream.
struct WatchHub: Sendable {
    private var watchers: [GroupResource: [Int: Watcher]] = [:]
    private var nextID = 1

    var count: Int { watchers.values.reduce(0) { $0 + $1.count } }

    mutating func add(_ make: (Int) -> Watcher) -> Int {
        let id = nextID
        nextID += 1
        let watcher = make(id)
        watchers[watcher.resource, default: [:]][id] = watcher
        return id
    }

    @discardableResult
    mutating func remove(_ id: Int) -> Watcher? {
        for resource in watchers.keys {
            if let watcher = watchers[resource]?.removeValue(forKey: id) { return watcher }
        }
        return nil
    }

    /// Removes and returns every watcher of a resource (its CRD went away).
    mutating func removeAll(of resource: GroupResource) -> [Watcher] {
        Array(watchers.removeValue(forKey: resource)?.values ?? [:].values)
    }

    func all() -> [Watcher] { watchers.values.flatMap(\.values) }

    /// Sends one committed change to every interested watcher. The common case (no selector,
    /// storage version, JSON) shares one encoding of the event, built around the object's
    /// encoding made once at commit.
    func dispatch(_ event: StoreEvent, encodedObject: [UInt8]) {
        guard let interested = watchers[event.resource], !interested.isEmpty else { return }
        var shared: [UInt8]?
        for watcher in interested.values {
            guard let (type, object) = watcher.view(of: event) else { continue }
            if watcher.renderer.isIdentity, type == event.kind.rawValue {
                if shared == nil { shared = WatchEventEncoding.line(type: type, encodedObject: encodedObject) }
                watcher.sink.send(shared ?? [])
            } else {
                watcher.sink.send(WatchEventEncoding.line(type: type, object: watcher.renderer.render(object)))
            }
        }
    }
}
