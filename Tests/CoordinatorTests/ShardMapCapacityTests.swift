import ShardProtocol
import Testing

@testable import Coordinator

/// Hello's `max_namespaces` and namespaces leaving the operator's scope.
@Suite struct ShardMapCapacityTests {
    let start = ContinuousClock.now
    let namespaces = (0..<30).map { "ns-\($0)" }

    func map(_ capacities: [String: Int]) -> ShardMap {
        var map = ShardMap(heartbeatInterval: .seconds(1), liveness: 3, firstEpoch: 1)
        for (worker, limit) in capacities { map.hello(from: worker, maxInFlight: 10, maxNamespaces: limit, now: start) }
        return map
    }

    func owned(by worker: String, in map: ShardMap) -> Set<String> {
        Set(map.owners.filter { $0.value.worker == worker }.keys)
    }

    @Test func aWorkerAtCapacityGetsNoMoreAndTheNextInRankingTakesOver() {
        var map = map(["small": 4, "large": 0, "other": 0])
        let commands = map.rebalance(namespaces)
        #expect(commands.count == namespaces.count)
        #expect(owned(by: "small", in: map).count == 4)
        let workers = ["small", "large", "other"]
        for namespace in namespaces {
            let ranking = RendezvousHashing.ranking(of: namespace, among: workers)
            let owner = map.owners[namespace]?.worker
            // Either its first choice, or the first choice was the full worker and it got the runner-up.
            #expect(owner == ranking[0] || (ranking[0] == "small" && owner == ranking[1]))
        }
    }

    @Test func withoutLimitsEveryNamespaceGoesToItsRendezvousOwner() {
        var map = map(["a": 0, "b": 0])
        _ = map.rebalance(namespaces)
        for namespace in namespaces {
            #expect(map.owners[namespace]?.worker == RendezvousHashing.owner(of: namespace, among: ["a", "b"]))
        }
    }

    @Test func namespacesBeyondTotalCapacityAreReportedAndPlacedWhenRoomAppears() {
        var map = map(["a": 10, "b": 10])
        let commands = map.rebalance(namespaces)
        let over = commands.compactMap { command -> String? in
            if case .overCapacity(let namespace) = command { namespace } else { nil }
        }
        #expect(map.owners.count == 20)
        #expect(Set(over) == Set(namespaces).subtracting(map.owners.keys))
        #expect(over.count == 10)

        map.hello(from: "c", maxInFlight: 10, maxNamespaces: 0, now: start)
        let later = map.rebalance(namespaces)
        let assigned = later.compactMap { command -> String? in
            if case .assign(let namespace, _, "c") = command { namespace } else { nil }
        }
        #expect(Set(over).isSubset(of: Set(assigned)))
        #expect(!later.contains { if case .overCapacity = $0 { true } else { false } })
    }

    @Test func aCurrentOwnerKeepsItsNamespaceWhenBetterRankedWorkersAreFull() {
        var map = map(["a": 0])
        _ = map.rebalance(namespaces)
        // A new worker with room for none moves nothing: every namespace stays with a.
        map.hello(from: "b", maxInFlight: 10, maxNamespaces: 1, now: start)
        let commands = map.rebalance(namespaces)
        let revokes = commands.filter { if case .revoke = $0 { true } else { false } }
        #expect(revokes.count <= namespaces.count)
        // What b wins beyond its capacity of one is not revoked from a.
        let wonByB = namespaces.filter { RendezvousHashing.owner(of: $0, among: ["a", "b"]) == "b" }
        #expect(revokes.count == min(1, wonByB.count))
    }

    @Test func releaseRevokesWithoutASuccessor() {
        var map = map(["a": 0, "b": 0])
        _ = map.rebalance(namespaces)
        let namespace = namespaces[0]
        guard let ownership = map.owners[namespace] else {
            Issue.record("not assigned")
            return
        }
        let first = map.release([namespace])
        #expect(first == [.revoke(namespace: namespace, epoch: ownership.epoch, worker: ownership.worker)])
        let again = map.release([namespace])
        #expect(again.isEmpty, "already revoking")
        let acknowledged = map.revokeAcknowledged(namespace, epoch: ownership.epoch, from: ownership.worker)
        #expect(acknowledged)
        #expect(map.owners[namespace] == nil)
    }
}
