import PropertyBased
import Testing

@testable import ShardProtocol

/// Worker ids as deployments name them, and namespaces as tenants do.
private let workerID = Gen.letterOrNumber.string(of: 1...12).map { "vmsvc-worker-\($0)" }
private let workerSet = workerID.set(ofAtMost: 3...8).filter { $0.count >= 3 }
private let namespacePrefix = Gen.letterOrNumber.string(of: 0...8)

/// 1,000 distinct namespaces.
private func namespaces(prefix: String) -> [String] {
    (0..<1000).map { "\(prefix)tenant-\($0)" }
}

/// How far a count may stray from its fair share: six standard deviations of the
/// binomial distribution a perfect hash would give, so the property fails only for a
/// hash that is biased, not for an unlucky draw.
private func tolerance(total: Int, share: Double) -> Double {
    6 * (Double(total) * share * (1 - share)).squareRoot()
}

@Suite struct RendezvousHashingTests {
    @Test func weightsAreStableAcrossProcessesAndReleases() {
        // Computed independently (FNV-1a 64 + fmix64, in Python); a change here
        // reshuffles every namespace in a running cluster during a rolling upgrade.
        #expect(RendezvousHashing.weight(of: "worker-1", for: "default") == 0x196b_6ca6_5f44_5363)
        #expect(RendezvousHashing.weight(of: "worker-2", for: "default") == 0xd1bf_dc62_f030_5c79)
        #expect(RendezvousHashing.weight(of: "", for: "") == 0x1bbd_5c81_3c69_a8d7)
    }

    @Test func noWorkersMeansNoOwner() {
        #expect(RendezvousHashing.owner(of: "default", among: []) == nil)
        #expect(RendezvousHashing.assignments(of: ["a", "b"], among: []).isEmpty)
    }

    @Test func ownerDoesNotDependOnWorkerOrder() async {
        await propertyCheck(input: workerSet, Gen.letterOrNumber.string(of: 1...20)) { workers, namespace in
            let owner = RendezvousHashing.owner(of: namespace, among: Array(workers))
            #expect(owner.map(workers.contains) == true)
            #expect(RendezvousHashing.owner(of: namespace, among: workers.sorted()) == owner)
            #expect(RendezvousHashing.owner(of: namespace, among: workers.sorted().reversed()) == owner)
        }
    }

    @Test func namespacesSpreadEvenlyOverWorkers() async {
        await propertyCheck(count: 25, input: workerSet, namespacePrefix) { workers, prefix in
            let map = RendezvousHashing.assignments(of: namespaces(prefix: prefix), among: Array(workers))
            let share = 1 / Double(workers.count)
            let fair = 1000 * share
            for worker in workers {
                let count = Double(map.values.count { $0 == worker })
                #expect(abs(count - fair) <= tolerance(total: 1000, share: share), "\(worker) owns \(count)")
            }
        }
    }

    @Test func joiningWorkerTakesOnlyItsShare() async {
        await propertyCheck(count: 25, input: workerSet, workerID, namespacePrefix) { workers, newcomer, prefix in
            guard !workers.contains(newcomer) else { return }
            let before = Array(workers)
            let after = before + [newcomer]
            let moves = RendezvousHashing.moves(of: namespaces(prefix: prefix), from: before, to: after)
            #expect(moves.values.allSatisfy { $0.to == newcomer })
            let share = 1 / Double(after.count)
            let bound = (1000 / Double(after.count)).rounded(.up) + tolerance(total: 1000, share: share)
            #expect(Double(moves.count) <= bound)
        }
    }

    @Test func leavingWorkerGivesUpOnlyItsNamespaces() async {
        await propertyCheck(count: 25, input: workerSet, namespacePrefix) { workers, prefix in
            let before = workers.sorted()
            let leaving = before[0]
            let after = Array(before.dropFirst())
            let all = namespaces(prefix: prefix)
            let moves = RendezvousHashing.moves(of: all, from: before, to: after)
            let owned = RendezvousHashing.assignments(of: all, among: before).filter { $0.value == leaving }
            #expect(Set(moves.keys) == Set(owned.keys))
            #expect(moves.values.allSatisfy { $0.from == leaving && $0.to != leaving && $0.to != nil })
        }
    }
}
