import Foundation
import KubeModel
import ShardProtocol
import Testing
import VMServiceCore
import Worker
import ZeroMQ

@testable import Coordinator

/// The coordinator and workers' transports, in-process over `inproc://`.
@Suite(.timeLimit(.minutes(1))) struct ShardTransportTests {
    static let namespaces = (1...8).map { "ns-\($0)" }

    static func share(of worker: String, among workers: [String]) -> Set<String> {
        Set(namespaces.filter { RendezvousHashing.owner(of: $0, among: workers) == worker })
    }

    func populate(_ coordinator: Coordinator, namespaces: [String] = namespaces) async {
        for namespace in namespaces {
            await coordinator.ingest(Fixtures.added(Fixtures.vmService(namespace, "web")))
            await coordinator.ingest(Fixtures.added(Fixtures.vm(namespace, "vm1")))
        }
    }

    @Test func twoWorkersGetEveryNamespaceThenSnapshotsThenDeltasInOrder() async throws {
        let harness = try Harness()
        await populate(harness.coordinator)
        let a = try harness.client("w-a")
        let b = try harness.client("w-b")
        let shareA = Self.share(of: "w-a", among: ["w-a", "w-b"])
        let shareB = Self.share(of: "w-b", among: ["w-a", "w-b"])
        #expect(!shareA.isEmpty && !shareB.isEmpty)
        #expect(await a.waitFor { RecordingClient.owned($0) == shareA })
        #expect(await b.waitFor { RecordingClient.owned($0) == shareB })

        let namespace = shareB.sorted()[0]
        var previous = Fixtures.vm(namespace, "vm1")
        for (index, ip) in ["10.0.0.2", "10.0.0.3", "10.0.0.4"].enumerated() {
            let next = Fixtures.vm(namespace, "vm1", ip: ip, resourceVersion: "\(index + 2)")
            await harness.coordinator.ingest(Fixtures.updated(previous, next))
            previous = next
        }
        #expect(await b.waitFor { Self.deltaIPs($0, namespace).count == 3 })
        let inputs = await b.inputs.events
        #expect(Self.deltaIPs(inputs, namespace) == ["10.0.0.2", "10.0.0.3", "10.0.0.4"])
        // The stream of the current epoch: assign, the snapshot, then deltas numbered on from it.
        let stream = Self.currentStream(inputs, namespace)
        guard case .assign? = stream.first, case .snapshot(let snapshot)? = stream.dropFirst().first else {
            Issue.record("expected assign then snapshot, got \(stream)")
            return
        }
        #expect(snapshot.vmServices.map(\.name) == ["web"])
        #expect(snapshot.vms.map(\.name) == ["vm1"])
        let sequences = stream.compactMap(\.deltaSequence)
        // Built by counting, not as a closed range: with no delta (a timed-out wait on a loaded
        // machine) `s + 1...s` would trap and take the whole test run down.
        #expect(!sequences.isEmpty)
        #expect(sequences == (0..<sequences.count).map { snapshot.sequence + 1 + UInt64($0) })
        await harness.stop()
    }

    @Test func malformedFrameAndWrongVersionHelloAreRejectedAndNothingElseIsDisturbed() async throws {
        let harness = try Harness()
        await populate(harness.coordinator, namespaces: ["ns-1"])
        let a = try harness.client("w-a")
        #expect(await a.waitFor { RecordingClient.owned($0) == ["ns-1"] })

        let intruder = try harness.context.socket(.dealer)
        try intruder.set(.routingID, to: Array("intruder".utf8))
        try intruder.connect(harness.endpoint)
        try intruder.send([[0xff, 0xff, 0x01, 0x02]])
        var future = ShardEnvelope()
        future.protocolVersion = 99
        future.body = .hello(ShardHello())
        try intruder.send([try ShardCodec().encode(future)])
        var oldHello = ShardHello()
        oldHello.workerID = "intruder"
        try intruder.send([try ShardCodec().encode(.hello(oldHello))])
        #expect(await harness.waitFor { $0.filter(\.isRejection).count == 3 })
        let counters = await harness.coordinator.counters
        #expect(counters.rejectedFrames == ["undecodable": 1, "unsupported_version": 1, "unsupported_hello_version": 1])

        let moved = Fixtures.vm("ns-1", "vm1", ip: "10.0.0.9", resourceVersion: "2")
        await harness.coordinator.ingest(Fixtures.updated(Fixtures.vm("ns-1", "vm1"), moved))
        #expect(await a.waitFor { Self.deltaIPs($0, "ns-1") == ["10.0.0.9"] })
        #expect(await harness.coordinator.assignments.values.allSatisfy { $0.worker == "w-a" })
        intruder.close()
        await harness.stop()
    }

    @Test func workerThatStopsHeartbeatingLosesItsNamespacesToTheOther() async throws {
        // A generous liveness (3 s), so that on a loaded machine only the stopped worker dies:
        // at 1 s a test run with many builds beside it saw both workers declared dead.
        let harness = try Harness(heartbeat: .milliseconds(100), liveness: 30)
        await populate(harness.coordinator)
        let a = try harness.client("w-a", liveness: 30)
        let b = try harness.client("w-b", liveness: 30)
        let shareA = Self.share(of: "w-a", among: ["w-a", "w-b"])
        let shareB = Self.share(of: "w-b", among: ["w-a", "w-b"])
        #expect(await a.waitFor { RecordingClient.owned($0) == shareA })
        #expect(await b.waitFor { RecordingClient.owned($0) == shareB })
        let before = await harness.coordinator.assignments
        // Liveness is judged from the socket thread's receipt times.
        #expect(await harness.coordinator.server.lastReceived(from: "w-a") != nil)
        #expect(await harness.coordinator.server.lastReceived(from: "w-unknown") == nil)

        b.client.shutdown()
        #expect(await harness.waitFor { $0.contains(.workerDead("w-b")) })
        #expect(await harness.coordinator.server.lastReceived(from: "w-b") == nil, "a dead worker's receipt time is dropped")
        #expect(await a.waitFor { RecordingClient.owned($0) == Set(Self.namespaces) })
        // Only w-b's share moved: w-a kept its own namespaces under their epochs.
        let after = await harness.coordinator.assignments
        for namespace in shareA {
            #expect(after[namespace]?.worker == "w-a")
            #expect(after[namespace]?.epoch == before[namespace]?.epoch)
        }
        for namespace in shareB { #expect(after[namespace]?.worker == "w-a") }
        await harness.stop()
    }

    @Test func restartedCoordinatorIsFoundAgainAndResendsEverything() async throws {
        let first = try Harness(heartbeat: .milliseconds(50))
        await populate(first.coordinator, namespaces: ["ns-1", "ns-2"])
        let a = try first.client("w-a", heartbeat: .milliseconds(50))
        #expect(await a.waitFor { RecordingClient.owned($0) == ["ns-1", "ns-2"] })
        await first.stopCoordinator()

        // The worker notices the silence, stops writing everything, and says Hello again.
        #expect(await a.waitFor { RecordingClient.owned($0).isEmpty })
        let second = try Harness(heartbeat: .milliseconds(50), replacing: first)
        await populate(second.coordinator, namespaces: ["ns-1", "ns-2"])
        #expect(await second.waitFor { $0.contains(.workerJoined("w-a")) })
        #expect(await a.waitFor { RecordingClient.owned($0) == ["ns-1", "ns-2"] })
        #expect(a.client.counters.reconnects >= 1)
        await second.stop()
    }

    @Test func resyncRequestIsAnsweredWithAFreshSnapshot() async throws {
        let harness = try Harness(heartbeat: .seconds(2))
        await populate(harness.coordinator, namespaces: ["ns-1"])
        let worker = try RawWorker(harness, id: "raw")
        let snapshot = try #require(await worker.next { $0.snapshot })
        #expect(snapshot.final)

        var previous = Fixtures.vm("ns-1", "vm1")
        for ip in ["10.0.0.2", "10.0.0.3"] {
            let next = Fixtures.vm("ns-1", "vm1", ip: ip, resourceVersion: ip)
            await harness.coordinator.ingest(Fixtures.updated(previous, next))
            previous = next
        }
        let first = try #require(await worker.next { $0.delta })
        let second = try #require(await worker.next { $0.delta })
        #expect([first.sequence, second.sequence] == [snapshot.sequence + 1, snapshot.sequence + 2])

        // Pretend the first delta was lost: the worker saw a gap and asks for a snapshot.
        var request = ShardResyncRequest()
        request.namespace = "ns-1"
        request.epoch = snapshot.epoch
        request.reason = .sequenceGap
        request.lastAppliedSequence = snapshot.sequence
        try worker.send(.resyncRequest(request))
        let fresh = try #require(await worker.next { $0.snapshot })
        #expect(fresh.chunkIndex == 0 && fresh.final)
        #expect(fresh.epoch == snapshot.epoch)
        #expect(fresh.sequence == snapshot.sequence + 3)
        #expect(fresh.virtualMachines.map(\.primaryIp4) == ["10.0.0.3"])
        #expect(await harness.coordinator.counters.resyncs == 1)
        await harness.stop()
    }

    @Test func workerWithoutCreditPausesTheWatchInsteadOfDroppingChanges() async throws {
        let harness = try Harness(heartbeat: .seconds(2)) { $0.maxPendingChangesPerWorker = 2 }
        await populate(harness.coordinator, namespaces: ["ns-1"])
        let worker = try RawWorker(harness, id: "raw", maxInFlight: 1)
        let snapshot = try #require(await worker.next { $0.snapshot })

        // The snapshot holds the only credit; changes wait, and the third one pauses the feed.
        let feeder = Task {
            var previous = Fixtures.vm("ns-1", "vm1")
            for index in 2...4 {
                let next = Fixtures.vm("ns-1", "vm1", ip: "10.0.0.\(index)", resourceVersion: "\(index)")
                await harness.coordinator.ingest(Fixtures.updated(previous, next))
                previous = next
            }
        }
        #expect(await harness.waitFor { $0.contains(.backPressure(namespace: "ns-1", worker: "raw")) })
        try worker.send(.ack(Self.ack(snapshot.namespace, snapshot.epoch, snapshot.sequence)))
        var ips: [String] = []
        while ips.count < 3, let delta = await worker.next({ $0.delta }) {
            ips += delta.changes.map(\.vmUpsert.primaryIp4)
            try worker.send(.ack(Self.ack(delta.namespace, delta.epoch, delta.sequence)))
        }
        await feeder.value
        #expect(ips == ["10.0.0.2", "10.0.0.3", "10.0.0.4"])
        await harness.stop()
    }

    // MARK: Helpers

    static func ack(_ namespace: String, _ epoch: UInt64, _ sequence: UInt64) -> ShardAck {
        var ack = ShardAck()
        ack.namespace = namespace
        ack.epoch = epoch
        ack.sequence = sequence
        return ack
    }

    /// The IPs of VM upserts in `namespace`'s deltas, in arrival order.
    static func deltaIPs(_ inputs: [WorkerInput], _ namespace: String) -> [String] {
        inputs.flatMap { input -> [String] in
            guard case .delta(namespace, _, _, let changes, _) = input else { return [] }
            return changes.compactMap { change in
                if case .vmUpserted(let vm) = change { vm.primaryIP4 } else { nil }
            }
        }
    }

    /// The inputs of `namespace` from its last Assign on.
    static func currentStream(_ inputs: [WorkerInput], _ namespace: String) -> [WorkerInput] {
        let mine = inputs.filter { $0.namespace == namespace }
        let start = mine.lastIndex { if case .assign = $0 { true } else { false } } ?? 0
        return Array(mine[start...])
    }
}

extension WorkerInput {
    var namespace: String {
        switch self {
        case .assign(let namespace, _), .delta(let namespace, _, _, _, _), .revoke(let namespace, _): namespace
        case .snapshot(let snapshot): snapshot.namespace
        }
    }

    var deltaSequence: UInt64? {
        if case .delta(_, _, let sequence, _, _) = self { sequence } else { nil }
    }
}

extension CoordinatorEvent {
    var isRejection: Bool {
        if case .frameRejected = self { true } else { false }
    }
}

extension ShardEnvelope {
    var snapshot: ShardSnapshot? {
        if case .snapshot(let snapshot) = body { snapshot } else { nil }
    }

    var delta: ShardDelta? {
        if case .delta(let delta) = body { delta } else { nil }
    }
}
