import KubeModel

/// Starting a watch: the initial events (synthetic ADDED, or history replayed from a
/// resourceVersion) and the registration happen in one critical section, so nothing
/// committed in between is lost or duplicated.
extension ServerState {
    struct WatchOptions: Sendable {
        var resourceVersion: String?
        var sendInitialEvents = false
        var allowBookmarks = false
    }

    /// Registers the watcher and queues its first events; returns its id. An expired
    /// resourceVersion yields the 410 ERROR event and no registration (nil), as the watch
    /// cache does.
    mutating func startWatch(
        _ type: ResourceType, filter: ObjectFilter, renderer: ObjectRenderer, options: WatchOptions, sink: any WatchSink
    ) -> Int? {
        let resource = type.groupResource
        let requested = options.resourceVersion.flatMap { Int($0) } ?? 0
        if options.sendInitialEvents || requested == 0 {
            for (key, object) in store.list(resource, namespace: filter.namespace) where filter.matches(key, object) {
                sink.send(WatchEventEncoding.line(type: "ADDED", object: renderer.render(object)))
            }
            if options.sendInitialEvents, options.allowBookmarks {
                sink.send(bookmark(type, annotations: [initialEventsEndAnnotation: "true"]))
            }
        } else {
            guard let events = store.history.events(after: requested) else {
                let error = APIError.tooOldResourceVersion(requested: requested, oldest: store.history.compactedRevision + 1)
                sink.send(WatchEventEncoding.line(type: "ERROR", object: error.json))
                sink.finish()
                return nil
            }
            let probe = Watcher(id: 0, resource: resource, filter: filter, renderer: renderer, sink: sink, bookmarks: false)
            for event in events where event.resource == resource {
                if let (kind, object) = probe.view(of: event) {
                    sink.send(WatchEventEncoding.line(type: kind, object: renderer.render(object)))
                }
            }
        }
        return hub.add { id in
            Watcher(id: id, resource: resource, filter: filter, renderer: renderer, sink: sink, bookmarks: options.allowBookmarks)
        }
    }

    /// A BOOKMARK at the current revision: an object of the watched kind with only
    /// `metadata.resourceVersion` (and annotations) set.
    func bookmark(_ type: ResourceType, annotations: [String: String] = [:]) -> [UInt8] {
        var metadata: JSONObject = ["resourceVersion": .string(String(store.revision)), "creationTimestamp": .null]
        if !annotations.isEmpty { metadata["annotations"] = .object(JSONObject(strings: annotations)) }
        let object: JSONValue = ["kind": .string(type.kind), "apiVersion": .string(type.apiVersion), "metadata": .object(metadata)]
        return WatchEventEncoding.line(type: "BOOKMARK", object: object)
    }

    /// Sends a BOOKMARK to every watcher that asked for them.
    func sendBookmarks() {
        for watcher in hub.all() where watcher.bookmarks {
            watcher.sink.send(bookmark(watcher.renderer.type))
        }
    }
}
