/// `vmoperator.vmware.com` VirtualMachineService, in the two versions this project speaks.
///
/// v1alpha3 (the default) and v1alpha6 differ only by fields v1alpha6 adds (spec §1.4):
/// `spec.ipFamilies`, `spec.ipFamilyPolicy` and `status.conditions`. One type serves both;
/// the v1alpha6-only members stay nil on v1alpha3 objects and are never sent in v1alpha3.
public struct VirtualMachineService: KubernetesObject {
    public static let apiGroup = "vmoperator.vmware.com"
    public static let defaultVersion = APIVersion.v1alpha3
    public static let resource = ResourceDescriptor(
        group: apiGroup, version: defaultVersion.rawValue, resource: "virtualmachineservices",
        kind: "VirtualMachineService", namespaced: true)

    public static func resource(version: APIVersion) -> ResourceDescriptor {
        var descriptor = resource
        descriptor.version = version.rawValue
        return descriptor
    }

    public enum APIVersion: String, Sendable, CaseIterable {
        case v1alpha3
        case v1alpha6

        /// Whether this version has `ipFamilies`, `ipFamilyPolicy` and `status.conditions`.
        public var hasIPFamiliesAndConditions: Bool { self == .v1alpha6 }
    }

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: VirtualMachineServiceSpec
    public var status: VirtualMachineServiceStatus?

    public init(
        metadata: ObjectMeta, spec: VirtualMachineServiceSpec, status: VirtualMachineServiceStatus? = nil,
        version: APIVersion = defaultVersion
    ) {
        self.apiVersion = Self.resource(version: version).apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        // `spec` is required by the schema, but a malformed stored object must still decode
        // so that validation can name what is wrong instead of the decoder failing.
        spec = try c.decodeIfPresent(VirtualMachineServiceSpec.self, forKey: .spec) ?? VirtualMachineServiceSpec()
        status = try c.decodeIfPresent(VirtualMachineServiceStatus.self, forKey: .status)
    }

    /// The version named by `apiVersion`, when it is one this project speaks.
    public var version: APIVersion? {
        guard let apiVersion, apiVersion.hasPrefix(Self.apiGroup + "/") else { return nil }
        return APIVersion(rawValue: String(apiVersion.dropFirst(Self.apiGroup.count + 1)))
    }
}

public struct VirtualMachineServiceSpec: Sendable, Hashable, Codable {
    public var type: String?
    public var ports: [VirtualMachineServicePort]?
    public var selector: [String: String]?
    public var loadBalancerIP: String?
    public var loadBalancerSourceRanges: [String]?
    /// JSON `clusterIp` (lower-case p), unlike the Service's `clusterIP`.
    public var clusterIP: String?
    public var externalName: String?
    /// v1alpha6 only.
    public var ipFamilies: [String]?
    /// v1alpha6 only.
    public var ipFamilyPolicy: String?

    enum CodingKeys: String, CodingKey {
        case type, ports, selector, loadBalancerIP, loadBalancerSourceRanges, externalName
        case ipFamilies, ipFamilyPolicy
        case clusterIP = "clusterIp"
    }

    public init(
        type: String? = nil, ports: [VirtualMachineServicePort]? = nil, selector: [String: String]? = nil,
        loadBalancerIP: String? = nil, loadBalancerSourceRanges: [String]? = nil, clusterIP: String? = nil,
        externalName: String? = nil, ipFamilies: [String]? = nil, ipFamilyPolicy: String? = nil
    ) {
        self.type = type
        self.ports = ports
        self.selector = selector
        self.loadBalancerIP = loadBalancerIP
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.clusterIP = clusterIP
        self.externalName = externalName
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
    }
}

public struct VirtualMachineServicePort: Sendable, Hashable, Codable {
    public var name: String
    public var `protocol`: String
    public var port: Int32
    /// Always numeric: VirtualMachineServices have no named target ports.
    public var targetPort: Int32

    public init(name: String, protocol: String, port: Int32, targetPort: Int32) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
    }

    enum CodingKeys: String, CodingKey {
        case name, `protocol`, port, targetPort
    }

    public init(from decoder: any Decoder) throws {
        // Members are required by the schema; objects that predate it may lack them, and the
        // validator (not the decoder) is where that gets reported.
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        `protocol` = try c.decodeIfPresent(String.self, forKey: .protocol) ?? ""
        port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        targetPort = try c.decodeIfPresent(Int32.self, forKey: .targetPort) ?? 0
    }
}

public struct VirtualMachineServiceStatus: Sendable, Hashable, Codable {
    public var loadBalancer: VirtualMachineServiceLoadBalancerStatus?
    /// v1alpha6 only.
    public var conditions: [Condition]?

    public init(loadBalancer: VirtualMachineServiceLoadBalancerStatus? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

public struct VirtualMachineServiceLoadBalancerStatus: Sendable, Hashable, Codable {
    public var ingress: [VirtualMachineServiceLoadBalancerIngress]?

    public init(ingress: [VirtualMachineServiceLoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

public struct VirtualMachineServiceLoadBalancerIngress: Sendable, Hashable, Codable {
    public var ip: String?
    public var hostname: String?

    public init(ip: String? = nil, hostname: String? = nil) {
        self.ip = ip
        self.hostname = hostname
    }
}
