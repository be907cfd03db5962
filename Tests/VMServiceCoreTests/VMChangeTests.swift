import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §2.2: which VM changes matter, in which order the rules are checked, and which label
/// sets name the services to reconcile.
@Suite struct VMChangeTests {
    private static let base = VMProjection(
        namespace: "ns", name: "vm", uid: "u1", labels: ["app": "web"], primaryIP4: "10.0.0.1",
        primaryIP6: "fd00::1", readyStatus: "True", hasReadinessProbe: true)

    private static func changed(_ edit: (inout VMProjection) -> Void) -> VMProjection {
        var vm = base
        edit(&vm)
        return vm
    }

    private static func vm(
        labels: [String: String] = ["app": "web"], annotations: [String: String]? = nil,
        resourceVersion: String? = "1", deletedAt: Int64? = nil,
        probe: VirtualMachineReadinessProbe? = nil, network: VirtualMachineNetworkStatus? = nil,
        conditions: [Condition]? = nil
    ) -> VMProjection {
        VMProjection(
            VirtualMachine(
                metadata: ObjectMeta(
                    name: "vm", namespace: "ns", uid: "u1", resourceVersion: resourceVersion,
                    deletionTimestamp: deletedAt.map { Time(secondsSince1970: $0) }, labels: labels,
                    annotations: annotations),
                spec: VirtualMachineSpec(readinessProbe: probe),
                status: VirtualMachineStatus(network: network, conditions: conditions)))
    }

    private static func ready(_ status: String, reason: String? = nil, message: String? = nil) -> [Condition] {
        [Condition(type: "Ready", status: status, reason: reason, message: message)]
    }

    @Test func createLooksUpTheNewLabelsAndDeleteTheOld() {
        #expect(VMChange.classify(old: nil, new: Self.base) == .created)
        #expect(VMChange.created.labelSetsToLookUp == .new)
        #expect(VMChange.classify(old: Self.base, new: nil) == .deleted)
        #expect(VMChange.deleted.labelSetsToLookUp == .old)
        #expect(VMChange.classify(old: nil, new: nil) == .irrelevant)
    }

    @Test func identicalProjectionsAreIrrelevant() {
        #expect(VMChange.classify(old: Self.base, new: Self.base) == .irrelevant)
        #expect(VMChange.irrelevant.labelSetsToLookUp.isEmpty)
    }

    @Test(arguments: [
        (["app": "db"], "value changed"),
        (["app": "web", "tier": "x"], "key added"),
        ([:], "all removed"),
    ] as [([String: String], String)])
    func anyLabelDifferenceLooksUpOldAndNewLabels(labels: [String: String], _ what: String) {
        let change = VMChange.classify(old: Self.base, new: Self.changed { $0.labels = labels })
        #expect(change == .labels, "\(what)")
        #expect(change.labelSetsToLookUp == [.old, .new])
    }

    @Test func eachRuleAloneIsRelevantAndLooksUpTheNewLabels() {
        let cases: [(VMProjection, VMChange)] = [
            (Self.changed { $0.isBeingDeleted = true }, .deletion),
            (Self.changed { $0.primaryIP4 = "10.0.0.2" }, .addresses),
            (Self.changed { $0.primaryIP6 = "" }, .addresses),
            (Self.changed { $0.hasReadinessProbe = false }, .readinessProbe),
            (Self.changed { $0.readyStatus = "False" }, .readyCondition),
        ]
        for (new, expected) in cases {
            let change = VMChange.classify(old: Self.base, new: new)
            #expect(change == expected)
            #expect(change.labelSetsToLookUp == .new)
        }
    }

    @Test func rulesAreCheckedInSpecOrder() {
        let all = Self.changed {
            $0.labels = ["app": "db"]
            $0.isBeingDeleted = true
            $0.primaryIP4 = "10.0.0.9"
            $0.hasReadinessProbe = false
            $0.readyStatus = nil
        }
        #expect(VMChange.classify(old: Self.base, new: all) == .labels)
        var rest = all
        rest.labels = Self.base.labels
        #expect(VMChange.classify(old: Self.base, new: rest) == .deletion)
        rest.isBeingDeleted = false
        #expect(VMChange.classify(old: Self.base, new: rest) == .addresses)
        rest.primaryIP4 = Self.base.primaryIP4
        #expect(VMChange.classify(old: Self.base, new: rest) == .readinessProbe)
        rest.hasReadinessProbe = true
        #expect(VMChange.classify(old: Self.base, new: rest) == .readyCondition)
    }

    @Test func uidChangeIsAReplacementThatLooksUpBothLabelSets() {
        let change = VMChange.classify(old: Self.base, new: Self.changed { $0.uid = "u2" })
        #expect(change == .replaced)
        #expect(change.labelSetsToLookUp == [.old, .new])
    }

    @Test func absentReadyConditionDiffersFromUnknown() {
        #expect(VMChange.classify(old: Self.vm(), new: Self.vm(conditions: Self.ready("Unknown"))) == .readyCondition)
        #expect(VMChange.classify(old: Self.vm(conditions: Self.ready("True")), new: Self.vm(conditions: [])) == .readyCondition)
        #expect(VMChange.classify(old: Self.vm(conditions: Self.ready("Unknown")), new: Self.vm(conditions: Self.ready("Unknown"))) == .irrelevant)
    }

    @Test func readyReasonMessageAndOtherConditionsAreIgnored() {
        let old = Self.vm(conditions: Self.ready("False", reason: "NotReady", message: "a"))
        let new = Self.vm(conditions: Self.ready("False", reason: "Other", message: "b") + [Condition(type: "GuestCustomization", status: "True")])
        #expect(VMChange.classify(old: old, new: new) == .irrelevant)
    }

    @Test func annotationsAndResourceVersionAreIgnored() {
        let old = Self.vm(annotations: ["a": "1"], resourceVersion: "1")
        let new = Self.vm(annotations: ["a": "2", "b": "3"], resourceVersion: "2")
        #expect(VMChange.classify(old: old, new: new) == .irrelevant)
    }

    @Test func deletionTimestampCountsOnlyAsSetOrNotSet() {
        #expect(VMChange.classify(old: Self.vm(), new: Self.vm(deletedAt: 100)) == .deletion)
        #expect(VMChange.classify(old: Self.vm(deletedAt: 100), new: Self.vm()) == .deletion)
        #expect(VMChange.classify(old: Self.vm(deletedAt: 100), new: Self.vm(deletedAt: 200)) == .irrelevant)
    }

    @Test func absentNetworkStatusEqualsEmptyAddresses() {
        let empty = VirtualMachineNetworkStatus(primaryIP4: "", primaryIP6: "")
        let absentMembers = VirtualMachineNetworkStatus()
        #expect(VMChange.classify(old: Self.vm(network: nil), new: Self.vm(network: empty)) == .irrelevant)
        #expect(VMChange.classify(old: Self.vm(network: absentMembers), new: Self.vm(network: empty)) == .irrelevant)
        let v6 = VirtualMachineNetworkStatus(primaryIP6: "fd00::1")
        #expect(VMChange.classify(old: Self.vm(network: nil), new: Self.vm(network: v6)) == .addresses)
    }

    @Test(arguments: [
        (VirtualMachineReadinessProbe(tcpSocket: TCPSocketAction(port: .int(22))), true),
        (VirtualMachineReadinessProbe(guestHeartbeat: GuestHeartbeatAction()), true),
        (VirtualMachineReadinessProbe(guestInfo: [GuestInfoAction(key: "k")]), true),
        (VirtualMachineReadinessProbe(guestInfo: []), false),
        (VirtualMachineReadinessProbe(timeoutSeconds: 5, periodSeconds: 3), false),
        (VirtualMachineReadinessProbe(), false),
    ] as [(VirtualMachineReadinessProbe, Bool)])
    func probeCountsOnlyWithAnAction(probe: VirtualMachineReadinessProbe, exists: Bool) {
        let change = VMChange.classify(old: Self.vm(probe: nil), new: Self.vm(probe: probe))
        #expect(change == (exists ? .readinessProbe : .irrelevant))
    }
}
