import Testing

@testable import ShardProtocol

private func delta(_ namespace: String, epoch: UInt64, sequence: UInt64) -> ShardDelta {
    var delta = ShardDelta()
    delta.namespace = namespace
    delta.epoch = epoch
    delta.sequence = sequence
    return delta
}

private func snapshot(_ namespace: String, epoch: UInt64, sequence: UInt64) -> ShardSnapshot {
    var snapshot = ShardSnapshot()
    snapshot.namespace = namespace
    snapshot.epoch = epoch
    snapshot.sequence = sequence
    snapshot.final = true
    return snapshot
}

@Suite struct EpochTableTests {
    @Test func olderOrRepeatedAssignIsStale() {
        var table = EpochTable()
        #expect(table.assign("a", epoch: 5) == .current)
        #expect(table.assign("a", epoch: 5) == .stale(latest: 5))
        #expect(table.assign("a", epoch: 4) == .stale(latest: 5))
        #expect(table.assign("a", epoch: 6) == .current)
        #expect(table.epoch(of: "a") == 6)
    }

    @Test func revokedEpochCannotBeResurrectedByALateAssign() {
        var table = EpochTable()
        _ = table.assign("a", epoch: 5)
        #expect(table.revoke("a", epoch: 5) == .current)
        #expect(table.epoch(of: "a") == nil)
        #expect(table.assign("a", epoch: 5) == .stale(latest: 5))
        #expect(table.check("a", epoch: 5) == .notOwned)
    }

    @Test func revokeBeforeItsAssignMakesTheAssignStale() {
        var table = EpochTable()
        #expect(table.revoke("a", epoch: 7) == .notOwned)
        #expect(table.assign("a", epoch: 7) == .stale(latest: 7))
        #expect(table.assign("a", epoch: 8) == .current)
    }

    @Test func revokeOfAnOlderEpochLeavesTheNewerOwnership() {
        var table = EpochTable()
        _ = table.assign("a", epoch: 5)
        _ = table.assign("a", epoch: 6)
        #expect(table.revoke("a", epoch: 5) == .stale(latest: 6))
        #expect(table.ownedNamespaces == ["a": 6])
    }
}

@Suite struct NamespaceStreamsTests {
    @Test func framesOfTheCurrentEpochApplyInOrder() {
        var streams = NamespaceStreams()
        _ = streams.assign("a", epoch: 3)
        #expect(streams.admit(snapshot("a", epoch: 3, sequence: 1)) == .apply)
        #expect(streams.admit(delta("a", epoch: 3, sequence: 2)) == .apply)
        #expect(streams.admit(delta("a", epoch: 3, sequence: 2)) == .drop(.duplicate))
        #expect(streams.tracker(for: "a")?.lastApplied == 2)
    }

    @Test func staleEpochFramesAreDropped() {
        var streams = NamespaceStreams()
        _ = streams.assign("a", epoch: 3)
        _ = streams.revoke("a", epoch: 3)
        _ = streams.assign("a", epoch: 4)
        #expect(streams.admit(delta("a", epoch: 3, sequence: 2)) == .drop(.staleEpoch))
        #expect(streams.admit(snapshot("a", epoch: 3, sequence: 1)) == .drop(.staleEpoch))
        #expect(streams.admit(snapshot("a", epoch: 4, sequence: 1)) == .apply)
    }

    @Test func framesForNamespacesNotOwnedAreDropped() {
        var streams = NamespaceStreams()
        #expect(streams.admit(snapshot("b", epoch: 1, sequence: 1)) == .drop(.notOwned))
        _ = streams.assign("b", epoch: 1)
        _ = streams.revoke("b", epoch: 1)
        #expect(streams.admit(delta("b", epoch: 1, sequence: 2)) == .drop(.notOwned))
        #expect(streams.tracker(for: "b") == nil)
    }

    @Test func gapAsksForOneResyncAndTheNextSnapshotRecovers() {
        var streams = NamespaceStreams()
        _ = streams.assign("a", epoch: 1)
        _ = streams.admit(snapshot("a", epoch: 1, sequence: 1))
        #expect(streams.admit(delta("a", epoch: 1, sequence: 3)) == .requestResync(expected: 2, received: 3))
        #expect(streams.admit(delta("a", epoch: 1, sequence: 4)) == .drop(.awaitingSnapshot))
        #expect(streams.admit(snapshot("a", epoch: 1, sequence: 5)) == .apply)
        #expect(streams.admit(delta("a", epoch: 1, sequence: 6)) == .apply)
    }

    @Test func reassignmentStartsAFreshStream() {
        var streams = NamespaceStreams()
        _ = streams.assign("a", epoch: 1)
        _ = streams.admit(snapshot("a", epoch: 1, sequence: 1))
        #expect(streams.assign("a", epoch: 2) == .current)
        #expect(streams.tracker(for: "a") == SequenceTracker())
        #expect(streams.admit(delta("a", epoch: 2, sequence: 2)) == .drop(.awaitingSnapshot))
        #expect(streams.ownedNamespaces == ["a": 2])
    }
}
