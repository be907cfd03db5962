import VMServiceCore

/// A synthetic namespace: `vmCount` VMs with `labelsPerVM` labels each and `serviceCount`
/// services, service `s` selecting `env=prod, role=role-s`. Every service selects
/// vmCount/serviceCount VMs; `env=prod` is carried by every VM and sorts first, so the index
/// must move the anchors off it as VMs arrive. Strings are built per VM, as decoding JSON
/// builds them.
public struct Fleet: Sendable {
    public let vmCount: Int
    public let serviceCount: Int
    public let labelsPerVM: Int

    public init(vmCount: Int, serviceCount: Int, labelsPerVM: Int = 10) {
        precondition(labelsPerVM >= 2 && serviceCount > 0, "a fleet needs the role and env labels and one service")
        self.vmCount = vmCount
        self.serviceCount = serviceCount
        self.labelsPerVM = labelsPerVM
    }

    /// VM `i`: `role=role-<i mod services>` (or `role-<role>`), `env=prod`, and further labels with long keys
    /// (`vmoperator.vmware.com/label-<k>`, heap-allocated strings) and few distinct values.
    public func vm(_ i: Int, role: Int? = nil) -> VMProjection {
        var labels = ["role": "role-\(role ?? i % serviceCount)", "env": "prod"]
        for k in 2..<labelsPerVM { labels["vmoperator.vmware.com/label-\(k)"] = "value-\(i % (k * 3))" }
        return VMProjection(
            namespace: "bench", name: "vm-\(i)", uid: "00000000-0000-0000-0000-\(String(i, radix: 16))",
            labels: labels, primaryIP4: "10.\(i >> 16 & 255).\(i >> 8 & 255).\(i & 255)",
            readyStatus: "True", hasReadinessProbe: true)
    }

    public func serviceName(_ s: Int) -> String { "svc-\(s)" }

    public func selector(_ s: Int) -> [String: String] { ["env": "prod", "role": "role-\(s)"] }

    /// An index holding the whole fleet (services first, as a worker loads a snapshot).
    public func makeIndex() -> SelectorIndex {
        var index = SelectorIndex()
        for s in 0..<serviceCount { index.upsertService(named: serviceName(s), selector: selector(s)) }
        for i in 0..<vmCount { index.upsertVM(vm(i)) }
        return index
    }
}
