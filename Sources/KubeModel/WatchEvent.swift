/// One frame of a watch stream: `{"type": "...", "object": {...}}`.
public struct WatchEvent<Object: Codable & Sendable>: Sendable, Codable {
    public enum EventType: String, Sendable, Codable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
        /// The object is a `Status` (e.g. 410 Gone when the resourceVersion is too old).
        case error = "ERROR"
    }

    public var type: EventType
    public var object: Object

    public init(type: EventType, object: Object) {
        self.type = type
        self.object = object
    }
}

/// Annotation on the BOOKMARK that ends the initial events of a streaming list
/// (`sendInitialEvents=true`).
public let initialEventsEndAnnotation = "k8s.io/initial-events-end"
