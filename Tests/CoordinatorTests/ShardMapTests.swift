import ShardProtocol
import Testing

@testable import Coordinator

@Suite struct ShardMapTests {
    let start = ContinuousClock.now
    let namespaces = (0..<200).map { "ns-\($0)" }

    func map(workers: [String]) -> (ShardMap, [ShardMap.Command]) {
        var map = ShardMap(heartbeatInterval: .seconds(1), liveness: 3, firstEpoch: 1)
        for worker in workers { map.hello(from: worker, maxInFlight: 10, now: start) }
        let commands = map.rebalance(namespaces)
        return (map, commands)
    }

    @Test func everyNamespaceIsAssignedToItsRendezvousWinner() {
        let (map, commands) = map(workers: ["w1", "w2"])
        #expect(commands.count == namespaces.count)
        for namespace in namespaces {
            #expect(map.owners[namespace]?.worker == RendezvousHashing.owner(of: namespace, among: ["w1", "w2"]))
        }
    }

    @Test func joiningWorkerTakesOnlyItsShareUnderNewEpochs() {
        var (map, _) = map(workers: ["w1", "w2"])
        let before = map.owners
        map.hello(from: "w3", maxInFlight: 10, now: start)
        let revokes = map.rebalance(namespaces)
        let expected = namespaces.filter { RendezvousHashing.owner(of: $0, among: ["w1", "w2", "w3"]) == "w3" }
        #expect(!expected.isEmpty)
        #expect(Set(revokes.map(\.namespace)) == Set(expected))
        // Nothing moves until the old owner acknowledges the revoke.
        #expect(map.rebalance(namespaces).isEmpty)
        let highest = before.values.map(\.epoch).max() ?? 0
        for case .revoke(let namespace, let epoch, let worker) in revokes {
            let acknowledged = map.revokeAcknowledged(namespace, epoch: epoch, from: worker)
            #expect(acknowledged)
            let assigns = map.rebalance([namespace])
            #expect(assigns.count == 1)
            guard case .assign(_, let newEpoch, let newOwner)? = assigns.first else { continue }
            #expect(newOwner == "w3")
            #expect(newEpoch > highest)
        }
        for namespace in namespaces where !expected.contains(namespace) {
            #expect(map.owners[namespace] == before[namespace])
        }
    }

    @Test func deadWorkersNamespacesMoveOnlyAfterItsHeartbeatsLapse() {
        var (map, _) = map(workers: ["w1", "w2", "w3"])
        let before = map.owners
        for worker in ["w1", "w3"] { map.heard(from: worker, now: start + .seconds(2.5)) }
        #expect(map.expire(now: start + .seconds(2.9)).isEmpty)
        #expect(map.rebalance(namespaces).isEmpty)
        #expect(map.expire(now: start + .seconds(3.1)) == ["w2"])
        let commands = map.rebalance(namespaces)
        let orphaned = Set(before.filter { $0.value.worker == "w2" }.keys)
        #expect(Set(commands.map(\.namespace)) == orphaned)
        for command in commands {
            guard case .assign(_, _, let worker) = command else {
                Issue.record("a dead worker is not revoked from: \(command)")
                continue
            }
            #expect(worker != "w2")
        }
    }

    @Test func anOlderReceiptTimeNeverMakesAWorkerLookSilent() {
        var (map, _) = map(workers: ["w1"])
        map.heard(from: "w1", now: start + .seconds(2.5))
        // The socket thread's receipt of a frame the coordinator handled later.
        map.heard(from: "w1", now: start + .seconds(1))
        #expect(map.expire(now: start + .seconds(5.4)).isEmpty)
        #expect(map.expire(now: start + .seconds(5.6)) == ["w1"])
    }

    @Test func sentFramesUseCreditUntilAcknowledged() {
        var (map, _) = map(workers: ["w1"])
        let namespace = namespaces[0]
        guard let epoch = map.owners[namespace]?.epoch else {
            Issue.record("namespace not assigned")
            return
        }
        #expect(map.reserveSequences(namespace, count: 3) == 1)
        #expect(map.reserveSequences(namespace, count: 1) == 4)
        #expect(map.credit(of: "w1") == 6)
        let stale = map.acknowledged(namespace, epoch: epoch - 1, sequence: 4, from: "w1")
        #expect(!stale)
        let current = map.acknowledged(namespace, epoch: epoch, sequence: 3, from: "w1")
        #expect(current)
        #expect(map.credit(of: "w1") == 9)
        // Acks are cumulative: an older one changes nothing.
        let older = map.acknowledged(namespace, epoch: epoch, sequence: 2, from: "w1")
        #expect(older)
        #expect(map.credit(of: "w1") == 9)
    }

    @Test func rejoiningWorkerGetsItsNamespacesBackUnderNewEpochs() {
        var (map, _) = map(workers: ["w1", "w2"])
        let before = map.owners
        map.hello(from: "w1", maxInFlight: 10, now: start + .seconds(1))
        let commands = map.rebalance(namespaces)
        let owned = before.filter { $0.value.worker == "w1" }
        #expect(commands.count == owned.count)
        for (namespace, ownership) in owned {
            #expect(map.owners[namespace]?.worker == "w1")
            #expect((map.owners[namespace]?.epoch ?? 0) > ownership.epoch)
        }
    }
}

extension ShardMap.Command {
    fileprivate var namespace: String {
        switch self {
        case .assign(let namespace, _, _), .revoke(let namespace, _, _), .overCapacity(let namespace): namespace
        }
    }
}
