/// `events.k8s.io/v1.Event`, the form controllers write today.
public struct Event: KubernetesObject {
    public static let resource = ResourceDescriptor(
        group: "events.k8s.io", version: "v1", resource: "events", kind: "Event", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var eventTime: MicroTime?
    public var series: EventSeries?
    public var reportingController: String?
    public var reportingInstance: String?
    public var action: String?
    public var reason: String?
    public var regarding: ObjectReference?
    public var related: ObjectReference?
    public var note: String?
    /// `Normal` or `Warning`.
    public var type: String?
    public var deprecatedCount: Int32?
    public var deprecatedFirstTimestamp: Time?
    public var deprecatedLastTimestamp: Time?

    public init(metadata: ObjectMeta) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
    }
}

public struct EventSeries: Sendable, Hashable, Codable {
    public var count: Int32
    public var lastObservedTime: MicroTime

    public init(count: Int32, lastObservedTime: MicroTime) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}

/// `core/v1.Event`, what `kubectl describe` and older tools read.
public struct CoreEvent: KubernetesObject {
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", resource: "events", kind: "Event", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    public var source: EventSource?
    public var firstTimestamp: Time?
    public var lastTimestamp: Time?
    public var count: Int32?
    public var type: String?
    public var eventTime: MicroTime?
    public var action: String?
    public var reportingComponent: String?
    public var reportingInstance: String?

    public init(metadata: ObjectMeta, involvedObject: ObjectReference) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.involvedObject = involvedObject
    }
}

public struct EventSource: Sendable, Hashable, Codable {
    public var component: String?
    public var host: String?

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

public enum EventType {
    public static let normal = "Normal"
    public static let warning = "Warning"
}
