import KubeModel
import Testing

@testable import VMServiceCore

/// The slice reconciler's minimal-churn rules (capacity 3 unless said otherwise).
@Suite struct EndpointSliceChurnTests {
    /// A cluster converged on `count` VMs, and those VMs.
    private func converged(_ count: Int, capacity: Int = 3) -> (SliceCluster, [VMProjection]) {
        var cluster = SliceCluster()
        cluster.options.maxEndpointsPerSlice = capacity
        let vms = SliceCluster.vms(count, ready: "True", probe: true)
        cluster.sync(vms)
        return (cluster, vms)
    }

    private func sliceHolding(_ ip: String, in cluster: SliceCluster) -> String? {
        cluster.slices.values.first { $0.endpoints?.contains { $0.addresses == [ip] } ?? false }?.name
    }

    @Test func aConvergedServiceCostsNoWrite() {
        let (cluster, vms) = converged(8)
        #expect(cluster.changes(vms).isEmpty)
        #expect(cluster.changes(vms.reversed()).isEmpty)
    }

    @Test func endpointOrderInAStoredSliceCostsNoWrite() {
        var (cluster, vms) = converged(8)
        for name in cluster.slices.keys { cluster.slices[name]?.endpoints?.reverse() }
        #expect(cluster.changes(vms).isEmpty)
    }

    @Test func aReadinessFlipRewritesOnlyTheSliceHoldingTheVM() {
        var (cluster, vms) = converged(8)
        vms[4].readyStatus = "False"
        let changes = cluster.changes(vms)
        #expect(changes.creates.isEmpty && changes.deletes.isEmpty)
        #expect(changes.touchedNames == [sliceHolding(SliceCluster.ip(for: 4), in: cluster)].compactMap { $0 })
        cluster.apply(changes)
        #expect(cluster.endpoints()[EndpointSliceEndpointKey(address: SliceCluster.ip(for: 4), uid: "uid-vm4")]?
            .conditions?.ready == false)
    }

    @Test func aNewVMFillsAnExistingSliceBeforeANewOneIsCreated() {
        let (cluster, vms) = converged(8)  // slices of 3, 3, 2
        let changes = cluster.changes(vms + [Fixture.vm("new", ip4: "10.9.0.1", ready: "True", probe: true)])
        #expect(changes.creates.isEmpty)
        #expect(changes.updates.count == 1)
        #expect(changes.updates.first?.stored.endpoints?.count == 2)
    }

    @Test func aNewVMGetsANewSliceWhenEverySliceIsFull() {
        let (cluster, vms) = converged(9)
        let changes = cluster.changes(vms + [Fixture.vm("new", ip4: "10.9.0.1")])
        #expect(changes.creates.count == 1)
        #expect(changes.touchedNames.isEmpty)
    }

    @Test func aLastPartialGroupGoesIntoAnUnchangedSliceWithRoom() {
        var (cluster, vms) = converged(5, capacity: 4)  // 4 + 1
        vms.removeLast()  // the single-endpoint slice empties…
        var later = cluster
        later.sync(vms)
        #expect(later.slices.count == 1)
        vms.removeFirst(2)  // … now one slice with 2 endpoints (room 2)
        later.sync(vms)
        let more = vms + [Fixture.vm("x", ip4: "10.9.0.1"), Fixture.vm("y", ip4: "10.9.0.2")]
        let changes = later.changes(more)
        #expect(changes.creates.isEmpty)
        #expect(changes.updates.count == 1)
    }

    @Test func aSliceLeftEmptyIsDeleted() {
        let (cluster, vms) = converged(7)  // 3, 3, 1
        let lonely = SliceCluster.ip(for: 6)
        let changes = cluster.changes(Array(vms.prefix(6)))
        #expect(changes.deletes.map(\.name) == [sliceHolding(lonely, in: cluster)].compactMap { $0 })
        #expect(changes.updates.isEmpty && changes.creates.isEmpty)
    }

    @Test func aSliceToDeleteIsReusedForNewEndpointsInsteadOfACreate() {
        let (cluster, vms) = converged(9)  // three full slices
        let emptiedSlice = sliceHolding(SliceCluster.ip(for: 0), in: cluster)
        let newcomers = (0..<3).map { Fixture.vm("new\($0)", ip4: "10.9.0.\($0 + 1)", ready: "True", probe: true) }
        let changes = cluster.changes(Array(vms.dropFirst(3)) + newcomers)
        #expect(changes.creates.isEmpty && changes.deletes.isEmpty)
        #expect(changes.updates.map(\.stored.name) == [emptiedSlice].compactMap { $0 })
    }

    @Test func rewrittenSlicesThatFitIntoOneAreCompacted() {
        var (cluster, vms) = converged(6)  // two full slices
        let first = sliceHolding(SliceCluster.ip(for: 0), in: cluster)
        let second = sliceHolding(SliceCluster.ip(for: 3), in: cluster)
        vms.remove(at: 4)
        vms.remove(at: 3)
        vms.remove(at: 1)  // leaves 0, 2 | 5: both slices change
        let changes = cluster.changes(vms)
        #expect(changes.writeCount == 2)
        #expect(changes.updates.count == 1 && changes.deletes.count == 1)
        #expect(Set(changes.touchedNames) == Set([first, second].compactMap { $0 }))
        cluster.apply(changes)
        #expect(cluster.slices.count == 1)
        #expect(cluster.endpointCount == 3)
    }

    @Test func unchangedHalfEmptySlicesAreNotCompacted() {
        var (cluster, vms) = converged(6)
        vms.remove(at: 4)
        cluster.sync(vms)
        vms.remove(at: 1)
        cluster.sync(vms)  // two slices of 2: they would fit in one, but merging costs writes
        #expect(cluster.slices.count == 2)
        #expect(cluster.changes(vms).isEmpty)
    }

    @Test func anEndpointListedInTwoSlicesStaysInTheFirstOnly() throws {
        var (cluster, vms) = converged(4)  // 3 + 1
        vms.reverse()
        let names = cluster.slices.keys.sorted()
        let duplicate = try #require(cluster.slices[names[0]]?.endpoints?.first)
        cluster.slices[names[1]]?.endpoints?.append(duplicate)
        let changes = cluster.changes(vms)
        #expect(changes.touchedNames == [names[1]])
        cluster.apply(changes)
        #expect(cluster.endpointCount == vms.count)
    }

    @Test func aPortChangeRewritesEverySliceInPlace() {
        var (cluster, vms) = converged(6)
        cluster.vmService = Fixture.vmService(ports: [Fixture.port(targetPort: 9090)])
        let changes = cluster.changes(vms)
        #expect(changes.updates.count == 2)
        #expect(changes.creates.isEmpty && changes.deletes.isEmpty)
        #expect(changes.updates.allSatisfy { $0.desired.ports?.first?.port == 9090 })
    }

    @Test func updatesArePatchesOfTheChangedFieldsOnly() throws {
        var (cluster, vms) = converged(3)
        vms[0].readyStatus = "False"
        let actions = try cluster.changes(vms).actions()
        guard case .patchEndpointSlice(_, let patch, _) = try #require(actions.first) else {
            Issue.record("expected a patch, got \(actions)")
            return
        }
        #expect(patch.objectValue?.keys.sorted() == ["endpoints"])
    }
}
