import Testing

@testable import VMServiceCore

/// The selector index answers both directions of spec §2.2 matching and reports the services
/// a VM change affects.
@Suite struct SelectorIndexTests {
    private static func vm(_ name: String, _ labels: [String: String], ip: String = "10.0.0.1", uid: String? = nil)
        -> VMProjection
    {
        VMProjection(namespace: "ns", name: name, uid: uid ?? "uid-\(name)", labels: labels, primaryIP4: ip)
    }

    /// web selects app=web; front selects app=web,tier=front; db selects app=db.
    private static func fleet() -> SelectorIndex {
        var index = SelectorIndex()
        index.upsertService(named: "web", selector: ["app": "web"])
        index.upsertService(named: "front", selector: ["app": "web", "tier": "front"])
        index.upsertService(named: "db", selector: ["app": "db"])
        index.upsertVM(vm("w1", ["app": "web", "tier": "front"]))
        index.upsertVM(vm("w2", ["app": "web", "tier": "back"]))
        index.upsertVM(vm("d1", ["app": "db"]))
        return index
    }

    @Test func serviceSelectsVMsCarryingEveryPairOfItsSelector() {
        let index = Self.fleet()
        #expect(index.vmNames(selectedBy: "web") == ["w1", "w2"])
        #expect(index.vmNames(selectedBy: "front") == ["w1"])
        #expect(index.vmNames(selectedBy: "db") == ["d1"])
        #expect(index.vms(selectedBy: "front").map(\.primaryIP4) == ["10.0.0.1"])
        #expect(index.services(selecting: ["app": "web", "tier": "front", "extra": "1"]) == ["web", "front"])
        #expect(index.services(selecting: ["tier": "front"]) == [])
    }

    @Test func emptySelectorAndEmptyLabelsSelectNothing() {
        var index = Self.fleet()
        index.upsertService(named: "none", selector: [:])
        index.upsertVM(Self.vm("bare", [:]))
        #expect(index.vmNames(selectedBy: "none") == [])
        #expect(index.services(selecting: [:]) == [])
        #expect(index.selector(ofService: "none") == [:])
        #expect(index.serviceCount == 4)
        #expect(index.vmNames(selectedBy: "unknown") == [])
    }

    @Test func createReportsTheServicesSelectingTheNewVM() {
        var index = Self.fleet()
        #expect(index.upsertVM(Self.vm("w3", ["app": "web", "tier": "front"])) == ["web", "front"])
        #expect(index.vmNames(selectedBy: "front") == ["w1", "w3"])
    }

    @Test func labelChangeMovesTheVMAndReportsOldAndNewServices() {
        var index = Self.fleet()
        #expect(index.upsertVM(Self.vm("w1", ["app": "db"])) == ["web", "front", "db"])
        #expect(index.vmNames(selectedBy: "web") == ["w2"])
        #expect(index.vmNames(selectedBy: "front") == [])
        #expect(index.vmNames(selectedBy: "db") == ["d1", "w1"])
    }

    @Test func unchangedUpdateReportsNothing() {
        var index = Self.fleet()
        #expect(index.upsertVM(Self.vm("w1", ["app": "web", "tier": "front"])) == [])
    }

    @Test func addressChangeReportsOnlyTheServicesSelectingTheLabels() {
        var index = Self.fleet()
        #expect(index.upsertVM(Self.vm("w2", ["app": "web", "tier": "back"], ip: "10.0.0.2")) == ["web"])
        #expect(index.vm(named: "w2")?.primaryIP4 == "10.0.0.2")
        #expect(index.vms(selectedBy: "web").map(\.primaryIP4).sorted() == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func replacedVMReportsTheServicesOfBothObjects() {
        var index = Self.fleet()
        #expect(index.upsertVM(Self.vm("w2", ["app": "db"], uid: "other")) == ["web", "db"])
        #expect(index.vm(named: "w2")?.uid == "other")
    }

    @Test func removalReportsTheServicesThatSelectedTheVM() {
        var index = Self.fleet()
        #expect(index.removeVM(named: "w1") == ["web", "front"])
        #expect(index.vmNames(selectedBy: "web") == ["w2"])
        #expect(index.vm(named: "w1") == nil)
        #expect(index.removeVM(named: "w1") == [])
        #expect(index.vmCount == 2)
    }

    @Test func freedSlotIsReusedWithoutStaleMembership() {
        var index = Self.fleet()
        index.removeVM(named: "w1")
        #expect(index.upsertVM(Self.vm("x", ["app": "db"])) == ["db"])
        #expect(index.vmNames(selectedBy: "front") == [])
        #expect(index.vmNames(selectedBy: "db") == ["d1", "x"])
    }

    @Test func selectorChangeRecomputesMembers() {
        var index = Self.fleet()
        index.upsertService(named: "web", selector: ["tier": "back"])
        #expect(index.vmNames(selectedBy: "web") == ["w2"])
        #expect(index.services(selecting: ["app": "web", "tier": "front"]) == ["front"])
        index.upsertService(named: "web", selector: [:])
        #expect(index.vmNames(selectedBy: "web") == [])
    }

    @Test func removedServiceSelectsNothing() {
        var index = Self.fleet()
        index.removeService(named: "front")
        #expect(index.services(selecting: ["app": "web", "tier": "front"]) == ["web"])
        #expect(index.upsertVM(Self.vm("w1", ["app": "x"])) == ["web"])
        #expect(index.selector(ofService: "front") == nil)
    }

    @Test func serviceAnchoredOnARarePairStillSeesVMsThatGainIt() {
        var index = SelectorIndex()
        for n in 0..<5 { index.upsertVM(Self.vm("v\(n)", ["env": "prod"])) }
        index.upsertService(named: "s", selector: ["env": "prod", "app": "pay"])  // anchored on app=pay (0 VMs)
        #expect(index.vmNames(selectedBy: "s") == [])
        #expect(index.upsertVM(Self.vm("v1", ["env": "prod", "app": "pay"])) == ["s"])
        #expect(index.vmNames(selectedBy: "s") == ["v1"])
    }
}

/// Anchors follow the VM counts, so a pair every VM carries does not stay the anchor of every
/// service (which would make each VM change verify them all).
@Suite struct SelectorIndexAnchorTests {
    @Test func servicesLoadedBeforeVMsMoveOffACommonPair() {
        var index = SelectorIndex()
        // "env" sorts before "role": with no VMs yet, every service is anchored on env=prod.
        for s in 0..<4 { index.upsertService(named: "s\(s)", selector: ["env": "prod", "role": "r\(s)"]) }
        #expect(index.servicesByAnchor[LabelPair(key: "env", value: "prod")]?.count == 4)
        for i in 0..<16 {
            index.upsertVM(VMProjection(namespace: "ns", name: "vm\(i)", uid: "u\(i)", labels: ["env": "prod", "role": "r\(i % 4)"]))
        }
        #expect(index.servicesByAnchor[LabelPair(key: "env", value: "prod")] == nil)
        for s in 0..<4 {
            #expect(index.services["s\(s)"]?.anchor == LabelPair(key: "role", value: "r\(s)"))
            #expect(index.vmNames(selectedBy: "s\(s)").count == 4)
        }
        #expect(index.services(selecting: ["env": "prod", "role": "r2"]) == ["s2"])
    }
}
