/// `discovery.k8s.io/v1.EndpointSlice`.
public struct EndpointSlice: KubernetesObject {
    public static let resource = ResourceDescriptor(
        group: "discovery.k8s.io", version: "v1", resource: "endpointslices", kind: "EndpointSlice",
        namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// `IPv4`, `IPv6` or `FQDN`.
    public var addressType: String
    public var endpoints: [Endpoint]?
    public var ports: [EndpointSlicePort]?

    public init(metadata: ObjectMeta, addressType: String, endpoints: [Endpoint]? = nil, ports: [EndpointSlicePort]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }

    public static let serviceNameLabel = "kubernetes.io/service-name"
    public static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    public static let skipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror"
    public static let maxEndpoints = 1000

    public struct Endpoint: Sendable, Hashable, Codable {
        public var addresses: [String]
        public var conditions: Conditions?
        public var hostname: String?
        public var targetRef: ObjectReference?
        public var nodeName: String?
        public var zone: String?

        public init(addresses: [String], conditions: Conditions? = nil, targetRef: ObjectReference? = nil) {
            self.addresses = addresses
            self.conditions = conditions
            self.targetRef = targetRef
        }
    }

    public struct Conditions: Sendable, Hashable, Codable {
        public var ready: Bool?
        public var serving: Bool?
        public var terminating: Bool?

        public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
            self.ready = ready
            self.serving = serving
            self.terminating = terminating
        }
    }
}

/// `discovery.k8s.io/v1.EndpointPort` (every member optional, unlike the core/v1 one).
public struct EndpointSlicePort: Sendable, Hashable, Codable {
    public var name: String?
    public var port: Int32?
    public var `protocol`: String?
    public var appProtocol: String?

    public init(name: String? = nil, port: Int32? = nil, protocol: String? = nil, appProtocol: String? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.appProtocol = appProtocol
    }
}
