import ShardProtocol
import Testing

@testable import Worker

@Suite struct ClientSessionTests {
    func envelope(_ body: ShardEnvelope.OneOf_Body) -> ShardEnvelope {
        var envelope = ShardEnvelope()
        envelope.protocolVersion = ShardCodec.currentVersion
        envelope.body = body
        return envelope
    }

    func assign(_ namespace: String, _ epoch: UInt64) -> ShardEnvelope {
        var entry = ShardNamespaceEpoch()
        entry.namespace = namespace
        entry.epoch = epoch
        var assign = ShardAssign()
        assign.namespaces = [entry]
        return envelope(.assign(assign))
    }

    func snapshot(_ namespace: String, _ epoch: UInt64, sequence: UInt64, chunk: UInt32 = 0, final: Bool = true) -> ShardEnvelope {
        var snapshot = ShardSnapshot()
        snapshot.namespace = namespace
        snapshot.epoch = epoch
        snapshot.sequence = sequence
        snapshot.chunkIndex = chunk
        snapshot.final = final
        var vm = ShardVMProjection()
        vm.namespace = namespace
        vm.name = "vm-\(sequence)"
        snapshot.virtualMachines = [vm]
        return envelope(.snapshot(snapshot))
    }

    func delta(_ namespace: String, _ epoch: UInt64, sequence: UInt64) -> ShardEnvelope {
        var delta = ShardDelta()
        delta.namespace = namespace
        delta.epoch = epoch
        delta.sequence = sequence
        return envelope(.delta(delta))
    }

    func welcome(_ instance: String) -> ShardEnvelope {
        var welcome = ShardWelcome()
        welcome.coordinatorInstance = instance
        return envelope(.welcome(welcome))
    }

    @Test func snapshotChunksAreDeliveredAsOneSnapshotWhenTheLastArrives() {
        var session = ClientSession()
        #expect(session.receive(assign("a", 7)).inputs.count == 1)
        #expect(session.receive(snapshot("a", 7, sequence: 1, chunk: 0, final: false)).inputs.isEmpty)
        let reaction = session.receive(snapshot("a", 7, sequence: 2, chunk: 1, final: true))
        guard case .snapshot(let complete)? = reaction.inputs.first else {
            Issue.record("expected a snapshot, got \(reaction.inputs)")
            return
        }
        #expect(complete.sequence == 2)
        #expect(complete.vms.map(\.name) == ["vm-1", "vm-2"])
    }

    @Test func sequenceGapAsksForAFreshSnapshotOnceAndDropsUntilItArrives() {
        var session = ClientSession()
        _ = session.receive(assign("a", 7))
        _ = session.receive(snapshot("a", 7, sequence: 1))
        #expect(session.receive(delta("a", 7, sequence: 2)).inputs.count == 1)
        let gap = session.receive(delta("a", 7, sequence: 4))
        #expect(gap.inputs.isEmpty)
        guard case .resyncRequest(let request)? = gap.replies.first else {
            Issue.record("expected a resync request, got \(gap.replies)")
            return
        }
        #expect(request.namespace == "a" && request.epoch == 7 && request.lastAppliedSequence == 2)
        let afterGap = session.receive(delta("a", 7, sequence: 5))
        #expect(afterGap.inputs.isEmpty && afterGap.replies.isEmpty)
        #expect(session.receive(snapshot("a", 7, sequence: 6)).inputs.count == 1)
        #expect(session.receive(delta("a", 7, sequence: 7)).inputs.count == 1)
        #expect(session.counters.sequenceGaps == 1)
    }

    @Test func staleEpochAndDuplicateFramesAreDroppedAndCounted() {
        var session = ClientSession()
        _ = session.receive(assign("a", 7))
        _ = session.receive(snapshot("a", 7, sequence: 1))
        #expect(session.receive(delta("a", 7, sequence: 1)).inputs.isEmpty)
        #expect(session.receive(delta("a", 6, sequence: 2)).inputs.isEmpty)
        #expect(session.receive(assign("a", 5)).inputs.isEmpty)
        #expect(session.counters.droppedFrames == ["duplicate": 1, "stale_epoch": 2])
    }

    @Test func revokeOfANamespaceNeverAssignedIsAcknowledgedAtOnce() {
        var session = ClientSession()
        var entry = ShardNamespaceEpoch()
        entry.namespace = "a"
        entry.epoch = 3
        var revoke = ShardRevoke()
        revoke.namespaces = [entry]
        let reaction = session.receive(envelope(.revoke(revoke)))
        #expect(reaction.inputs.isEmpty)
        guard case .revokeAck(let ack)? = reaction.replies.first else {
            Issue.record("expected a RevokeAck, got \(reaction.replies)")
            return
        }
        #expect(ack.namespaces.map(\.namespace) == ["a"])
    }

    @Test func newCoordinatorInstanceRevokesEverythingOwned() {
        var session = ClientSession()
        _ = session.receive(welcome("first"))
        _ = session.receive(assign("a", 7))
        _ = session.receive(assign("b", 8))
        let reaction = session.receive(welcome("second"))
        let revoked = reaction.inputs.compactMap { input -> String? in
            if case .revoke(let namespace, _) = input { namespace } else { nil }
        }
        #expect(revoked == ["a", "b"])
        // The new coordinator may hand out any epoch: nothing of the old one is remembered.
        #expect(session.receive(assign("a", 1)).inputs.count == 1)
    }
}
