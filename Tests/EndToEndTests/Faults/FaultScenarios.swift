import Testing

/// The multi-process fault scenarios (issue 5's tests, issue 8's short fault suite). They
/// run one at a time: each starts kube-sim and several vmsvc processes, and two machines'
/// worth of them at once would turn timing noise into failures.
@Suite(.serialized) enum FaultScenarios {
    /// Small enough to converge in a second or two, large enough that every worker owns
    /// several namespaces: 9 namespaces × 12 VMs, 3 VirtualMachineServices each.
    static let fleet = LargeFleet(namespaces: 9, vmsPerNamespace: 12, apps: 3)
}
