import KubeModel

/// One open watch: which objects it wants, how it renders them and where the bytes go.
/// A class: every change is offered to every watcher of its resource, and passing a
/// reference costs one retain where copying the fields cost one per field.
final class Watcher: Sendable {
    let id: Int
    let resource: GroupResource
    let filter: ObjectFilter
    let renderer: ObjectRenderer
    let sink: any WatchSink
    let bookmarks: Bool

    init(id: Int, resource: GroupResource, filter: ObjectFilter, renderer: ObjectRenderer, sink: any WatchSink, bookmarks: Bool) {
        self.id = id
        self.resource = resource
        self.filter = filter
        self.renderer = renderer
        self.sink = sink
        self.bookmarks = bookmarks
    }

    /// The event this watcher sees for a store change, or nil if none. Objects that stop
    /// matching the selector arrive as DELETED (with the previous content), objects that start
    /// matching as ADDED, as the watch cache does.
    func view(of event: StoreEvent) -> (type: String, object: JSONValue)? {
        let now = event.kind == .deleted ? false : filter.matches(event.key, event.object)
        let before = event.previous.map { filter.matches(event.key, $0) } ?? false
        switch event.kind {
        case .added:
            return now ? ("ADDED", event.object) : nil
        case .modified:
            if now { return (before ? "MODIFIED" : "ADDED", event.object) }
            guard before, var old = event.previous else { return nil }
            old.setMetadata("resourceVersion", .string(String(event.revision)))
            return ("DELETED", old)
        case .deleted:
            return before ? ("DELETED", event.object) : nil
        }
    }
}

/// Renders one watch event line: `{"type":"…","object":…}\n`.
enum WatchEventEncoding {
    static func line(type: String, object: JSONValue) -> [UInt8] {
        line(type: type, capacity: 512) { JSONWriter.write(object, into: &$0) }
    }

    /// The line around an object encoded already.
    static func line(type: String, encodedObject: [UInt8]) -> [UInt8] {
        line(type: type, capacity: encodedObject.count + 40) { $0.append(contentsOf: encodedObject) }
    }

    private static func line(type: String, capacity: Int, writeObject: (inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        out.append(contentsOf: #"{"type":""#.utf8)
        out.append(contentsOf: type.utf8)
        out.append(contentsOf: #"","object":"#.utf8)
        writeObject(&out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }
}
