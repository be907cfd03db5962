import KubeModel

/// One decoded frame of a watch stream.
///
/// Bookmarks get their own case because a bookmark's object is a bare shell (kind, apiVersion
/// and `metadata.resourceVersion`) that a typed object with required fields cannot decode
/// from, and because consumers want only its resource version.
public enum WatchFrame<Object: Codable & Sendable>: Sendable {
    /// ADDED, MODIFIED or DELETED, with the object.
    case event(WatchEvent<Object>)
    /// Progress: everything up to `resourceVersion` has been sent. `initialEventsEnd` marks
    /// the end of the initial state of a streaming list (`sendInitialEvents=true`).
    case bookmark(resourceVersion: String, initialEventsEnd: Bool)
    /// An `ERROR` frame: the server ends the watch with this Status (410 Gone, mostly).
    case error(Status)
    /// A frame that is not valid JSON or not a watch event; dropped by consumers.
    case malformed(reason: String)
}

extension WatchFrame {
    /// The resource version this frame moves the watch to, if it carries one.
    public var resourceVersion: String? {
        switch self {
        case .event(let event):
            (event.object as? any KubernetesObject)?.metadata.resourceVersion
                ?? (event.object as? JSONValue)?.value(at: ["metadata", "resourceVersion"])?.stringValue
        case .bookmark(let resourceVersion, _): resourceVersion
        case .error, .malformed: nil
        }
    }
}

/// Decodes `{"type": …, "object": …}` in one pass, choosing the object's type from `type`.
struct WatchEnvelope<Object: Codable & Sendable>: Decodable {
    let frame: WatchFrame<Object>

    private enum CodingKeys: String, CodingKey { case type, object }

    private struct BookmarkObject: Decodable {
        var metadata: ObjectMeta?
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch WatchEvent<Object>.EventType(rawValue: type) {
        case .added?, .modified?, .deleted?:
            let eventType = WatchEvent<Object>.EventType(rawValue: type) ?? .added
            frame = .event(WatchEvent(type: eventType, object: try c.decode(Object.self, forKey: .object)))
        case .bookmark?:
            let metadata = try c.decode(BookmarkObject.self, forKey: .object).metadata
            frame = .bookmark(
                resourceVersion: metadata?.resourceVersion ?? "",
                initialEventsEnd: metadata?.annotations?[initialEventsEndAnnotation] == "true")
        case .error?:
            frame = .error(try c.decode(Status.self, forKey: .object))
        case nil:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown watch event type \(type)")
        }
    }
}
