/// `core/v1.Endpoints` (deprecated upstream since 1.33, still what the reference writes).
public struct Endpoints: KubernetesObject {
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", resource: "endpoints", kind: "Endpoints", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var subsets: [EndpointSubset]?

    public init(metadata: ObjectMeta, subsets: [EndpointSubset]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.subsets = subsets
    }

    /// Annotation Kubernetes sets when it truncated an Endpoints object to 1000 addresses.
    public static let overCapacityAnnotation = "endpoints.kubernetes.io/over-capacity"
    /// The most addresses one Endpoints object carries.
    public static let maxAddresses = 1000
}

public struct EndpointSubset: Sendable, Hashable, Codable {
    public var addresses: [EndpointAddress]?
    public var notReadyAddresses: [EndpointAddress]?
    public var ports: [EndpointPort]?

    public init(
        addresses: [EndpointAddress]? = nil, notReadyAddresses: [EndpointAddress]? = nil,
        ports: [EndpointPort]? = nil
    ) {
        self.addresses = addresses
        self.notReadyAddresses = notReadyAddresses
        self.ports = ports
    }
}

public struct EndpointAddress: Sendable, Hashable, Codable {
    public var ip: String
    public var hostname: String?
    public var nodeName: String?
    public var targetRef: ObjectReference?

    public init(ip: String, hostname: String? = nil, nodeName: String? = nil, targetRef: ObjectReference? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.nodeName = nodeName
        self.targetRef = targetRef
    }
}

/// `core/v1.EndpointPort`.
public struct EndpointPort: Sendable, Hashable, Codable {
    public var name: String?
    public var port: Int32
    public var `protocol`: String?
    public var appProtocol: String?

    public init(name: String? = nil, port: Int32, protocol: String? = nil, appProtocol: String? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.appProtocol = appProtocol
    }
}
