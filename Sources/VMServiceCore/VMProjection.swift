import KubeModel

/// The compact form of a VirtualMachine: exactly the fields that decide endpoints
/// (spec §1.3), and nothing else, so that caches and shard messages stay small and an
/// update that changes none of these fields can be recognised by comparing projections.
public struct VMProjection: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var uid: String
    public var labels: [String: String]
    /// `status.network.primaryIP4`; empty when absent.
    public var primaryIP4: String
    /// `status.network.primaryIP6`; empty when absent.
    public var primaryIP6: String
    /// The `status` of the `Ready` condition, or nil when the VM has no such condition
    /// (absent is a distinct value: spec §2.2 rule 5 and §5.5 row 3).
    public var readyStatus: String?
    /// Whether `spec.readinessProbe` has an action (spec §1.3).
    public var hasReadinessProbe: Bool
    public var isBeingDeleted: Bool

    public init(
        namespace: String, name: String, uid: String, labels: [String: String] = [:],
        primaryIP4: String = "", primaryIP6: String = "", readyStatus: String? = nil,
        hasReadinessProbe: Bool = false, isBeingDeleted: Bool = false
    ) {
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.labels = labels
        self.primaryIP4 = primaryIP4
        self.primaryIP6 = primaryIP6
        self.readyStatus = readyStatus
        self.hasReadinessProbe = hasReadinessProbe
        self.isBeingDeleted = isBeingDeleted
    }

    public init(_ vm: VirtualMachine) {
        self.init(
            namespace: vm.metadata.namespace ?? "",
            name: vm.metadata.name ?? "",
            uid: vm.metadata.uid ?? "",
            labels: vm.metadata.labels ?? [:],
            primaryIP4: vm.status?.network?.primaryIP4 ?? "",
            primaryIP6: vm.status?.network?.primaryIP6 ?? "",
            readyStatus: vm.status?.conditions?.first(ofType: VirtualMachine.readyConditionType)?.status,
            hasReadinessProbe: vm.spec?.readinessProbe?.hasAction ?? false,
            isBeingDeleted: vm.metadata.isBeingDeleted
        )
    }
}
