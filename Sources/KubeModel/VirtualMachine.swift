/// `vmoperator.vmware.com` VirtualMachine: only the fields the VirtualMachineService
/// controller reads (spec §1.3). Everything else in a VM is ignored on decode.
public struct VirtualMachine: KubernetesObject {
    public static let resource = ResourceDescriptor(
        group: VirtualMachineService.apiGroup, version: "v1alpha3", resource: "virtualmachines",
        kind: "VirtualMachine", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: VirtualMachineSpec?
    public var status: VirtualMachineStatus?

    public init(metadata: ObjectMeta, spec: VirtualMachineSpec? = nil, status: VirtualMachineStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The condition type whose status decides readiness when a probe exists.
    public static let readyConditionType = "Ready"
}

public struct VirtualMachineSpec: Sendable, Hashable, Codable {
    public var readinessProbe: VirtualMachineReadinessProbe?

    public init(readinessProbe: VirtualMachineReadinessProbe? = nil) {
        self.readinessProbe = readinessProbe
    }
}

public struct VirtualMachineReadinessProbe: Sendable, Hashable, Codable {
    public var tcpSocket: TCPSocketAction?
    public var guestHeartbeat: GuestHeartbeatAction?
    public var guestInfo: [GuestInfoAction]?
    public var timeoutSeconds: Int32?
    public var periodSeconds: Int32?

    public init(
        tcpSocket: TCPSocketAction? = nil, guestHeartbeat: GuestHeartbeatAction? = nil,
        guestInfo: [GuestInfoAction]? = nil, timeoutSeconds: Int32? = nil, periodSeconds: Int32? = nil
    ) {
        self.tcpSocket = tcpSocket
        self.guestHeartbeat = guestHeartbeat
        self.guestInfo = guestInfo
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
    }

    /// A probe "exists" only when at least one action is set (spec §1.3): timeouts and
    /// periods alone do not gate readiness.
    public var hasAction: Bool {
        tcpSocket != nil || guestHeartbeat != nil || !(guestInfo ?? []).isEmpty
    }
}

public struct TCPSocketAction: Sendable, Hashable, Codable {
    public var port: IntOrString
    public var host: String?

    public init(port: IntOrString, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

public struct GuestHeartbeatAction: Sendable, Hashable, Codable {
    /// `yellow` or `green`.
    public var thresholdStatus: String?

    public init(thresholdStatus: String? = nil) {
        self.thresholdStatus = thresholdStatus
    }
}

public struct GuestInfoAction: Sendable, Hashable, Codable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

public struct VirtualMachineStatus: Sendable, Hashable, Codable {
    public var network: VirtualMachineNetworkStatus?
    public var conditions: [Condition]?

    public init(network: VirtualMachineNetworkStatus? = nil, conditions: [Condition]? = nil) {
        self.network = network
        self.conditions = conditions
    }
}

public struct VirtualMachineNetworkStatus: Sendable, Hashable, Codable {
    public var primaryIP4: String?
    public var primaryIP6: String?

    public init(primaryIP4: String? = nil, primaryIP6: String? = nil) {
        self.primaryIP4 = primaryIP4
        self.primaryIP6 = primaryIP6
    }
}
