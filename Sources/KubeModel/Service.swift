/// `core/v1.Service`.
public struct Service: KubernetesObject {
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", resource: "services", kind: "Service", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec?
    public var status: ServiceStatus?

    public init(metadata: ObjectMeta, spec: ServiceSpec? = nil, status: ServiceStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct ServiceSpec: Sendable, Hashable, Codable {
    public var type: String?
    public var ports: [ServicePort]?
    public var selector: [String: String]?
    public var clusterIP: String?
    public var clusterIPs: [String]?
    public var ipFamilies: [String]?
    public var ipFamilyPolicy: String?
    public var externalName: String?
    public var externalTrafficPolicy: String?
    public var internalTrafficPolicy: String?
    public var healthCheckNodePort: Int32?
    public var loadBalancerIP: String?
    public var loadBalancerSourceRanges: [String]?
    public var loadBalancerClass: String?
    public var allocateLoadBalancerNodePorts: Bool?
    public var externalIPs: [String]?
    public var sessionAffinity: String?
    public var publishNotReadyAddresses: Bool?

    public init(
        type: String? = nil, ports: [ServicePort]? = nil, selector: [String: String]? = nil,
        clusterIP: String? = nil, clusterIPs: [String]? = nil,
        ipFamilies: [String]? = nil, ipFamilyPolicy: String? = nil, externalName: String? = nil,
        externalTrafficPolicy: String? = nil, loadBalancerIP: String? = nil,
        loadBalancerSourceRanges: [String]? = nil, allocateLoadBalancerNodePorts: Bool? = nil
    ) {
        self.type = type
        self.ports = ports
        self.selector = selector
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.externalName = externalName
        self.externalTrafficPolicy = externalTrafficPolicy
        self.loadBalancerIP = loadBalancerIP
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts
    }
}

public struct ServicePort: Sendable, Hashable, Codable {
    public var name: String?
    public var `protocol`: String?
    public var appProtocol: String?
    public var port: Int32
    public var targetPort: IntOrString?
    public var nodePort: Int32?

    public init(
        name: String? = nil, protocol: String? = nil, port: Int32, targetPort: IntOrString? = nil,
        nodePort: Int32? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

public struct ServiceStatus: Sendable, Hashable, Codable {
    public var loadBalancer: LoadBalancerStatus?
    public var conditions: [Condition]?

    public init(loadBalancer: LoadBalancerStatus? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

public struct LoadBalancerStatus: Sendable, Hashable, Codable {
    public var ingress: [LoadBalancerIngress]?

    public init(ingress: [LoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

/// One load-balancer ingress point. The Service form also has `ipMode` and `ports`; the
/// VirtualMachineService form has only `ip` and `hostname`.
public struct LoadBalancerIngress: Sendable, Hashable, Codable {
    public var ip: String?
    public var hostname: String?
    public var ipMode: String?
    public var ports: [PortStatus]?

    public init(ip: String? = nil, hostname: String? = nil, ipMode: String? = nil, ports: [PortStatus]? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.ipMode = ipMode
        self.ports = ports
    }
}

public struct PortStatus: Sendable, Hashable, Codable {
    public var port: Int32
    public var `protocol`: String
    public var error: String?

    public init(port: Int32, protocol: String, error: String? = nil) {
        self.port = port
        self.protocol = `protocol`
        self.error = error
    }
}

/// The spelled-out values of Service fields.
public enum ServiceType {
    public static let clusterIP = "ClusterIP"
    public static let nodePort = "NodePort"
    public static let loadBalancer = "LoadBalancer"
    public static let externalName = "ExternalName"
}

/// The transport protocols a Service (and a VirtualMachineService) port may name.
public enum PortProtocol {
    public static let tcp = "TCP"
    public static let udp = "UDP"
    public static let sctp = "SCTP"
    public static let all = [tcp, udp, sctp]
}

public enum IPFamily {
    public static let ipv4 = "IPv4"
    public static let ipv6 = "IPv6"
}

public enum IPFamilyPolicy {
    public static let singleStack = "SingleStack"
    public static let preferDualStack = "PreferDualStack"
    public static let requireDualStack = "RequireDualStack"
}
