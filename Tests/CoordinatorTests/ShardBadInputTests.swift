import Foundation
import ShardProtocol
import Testing
import Worker
import ZeroMQ

@testable import Coordinator

/// Bad frames on the shard channel (docs/bad-input.md): each is refused with a counter and
/// a `rejected frame` log line, and the healthy worker beside it keeps receiving deltas.
@Suite(.timeLimit(.minutes(1))) struct ShardBadInputTests {
    /// A coordinator owning `ns-1` through worker `w-a`, and a raw DEALER named `intruder`.
    private func setUp() async throws -> (Harness, RecordingClient, ZMQSocket) {
        let harness = try Harness()
        await harness.coordinator.ingest(Fixtures.added(Fixtures.vmService("ns-1", "web")))
        await harness.coordinator.ingest(Fixtures.added(Fixtures.vm("ns-1", "vm1")))
        let healthy = try harness.client("w-a")
        #expect(await healthy.waitFor { RecordingClient.owned($0) == ["ns-1"] })
        let intruder = try harness.context.socket(.dealer)
        try intruder.set(.routingID, to: Array("intruder".utf8))
        try intruder.connect(harness.endpoint)
        return (harness, healthy, intruder)
    }

    /// The healthy worker still gets the next change of its namespace and keeps it.
    private func expectNeighbourUndisturbed(_ harness: Harness, _ healthy: RecordingClient) async {
        let moved = Fixtures.vm("ns-1", "vm1", ip: "10.0.0.9", resourceVersion: "2")
        await harness.coordinator.ingest(Fixtures.updated(Fixtures.vm("ns-1", "vm1"), moved))
        #expect(await healthy.waitFor { ShardTransportTests.deltaIPs($0, "ns-1") == ["10.0.0.9"] })
        #expect(await harness.coordinator.assignments["ns-1"]?.worker == "w-a")
    }

    @Test func oversizedAndTruncatedFramesAreRejectedAndTheOwnerKeepsWorking() async throws {
        let (harness, healthy, intruder) = try await setUp()
        try intruder.send([[UInt8](repeating: 0x08, count: ShardCodec.defaultMaxFrameBytes + 1)])
        var hello = ShardHello()
        hello.workerID = "intruder"
        hello.protocolVersion = ShardCodec.currentVersion
        let frame = try ShardCodec().encode(.hello(hello))
        try intruder.send([Array(frame.dropLast())])
        #expect(await harness.waitFor { $0.filter(\.isRejection).count == 2 })
        #expect(await harness.coordinator.counters.rejectedFrames == ["oversized": 1, "undecodable": 1])
        await expectNeighbourUndisturbed(harness, healthy)
        intruder.close()
        await harness.stop()
    }

    @Test func helloClaimingAnotherWorkersIDIsRefusedAsIdentityMismatch() async throws {
        let (harness, healthy, intruder) = try await setUp()
        var hello = ShardHello()
        hello.workerID = "w-a"
        hello.protocolVersion = ShardCodec.currentVersion
        try intruder.send([try ShardCodec().encode(.hello(hello))])
        #expect(await harness.waitFor { $0.contains { $0 == .frameRejected(worker: "intruder", reason: "identity_mismatch") } })
        #expect(await harness.coordinator.counters.rejectedFrames == ["identity_mismatch": 1])
        await expectNeighbourUndisturbed(harness, healthy)
        intruder.close()
        await harness.stop()
    }

    @Test func workerDropsBadFramesFromItsCoordinatorAndTakesTheNextAssign() async throws {
        let context = try ZMQContext()
        let endpoint = "inproc://fake-coordinator-\(UUID().uuidString)"
        let router = try context.socket(.router)
        try router.bind(endpoint)
        var config = ShardClientConfig(workerID: "w-a", endpoint: endpoint)
        config.context = context
        config.maxFrameBytes = 1024
        let worker = try RecordingClient(config: config)
        defer { worker.client.shutdown() }
        let hello = try #require(try router.receive(timeout: .seconds(5)))
        let id = try #require(hello.first)
        let codec = ShardCodec()

        var future = ShardEnvelope()
        future.protocolVersion = 99
        future.body = .heartbeat(ShardHeartbeat())
        var entry = ShardNamespaceEpoch()
        entry.namespace = "ns-1"
        entry.epoch = 1
        var assign = ShardAssign()
        assign.namespaces = [entry]
        let valid = try codec.encode(.assign(assign))
        let badFrames: [[UInt8]] = [
            [0xFF, 0xFF, 0x01], Array(valid.dropLast()), [UInt8](repeating: 0x08, count: 1025), try codec.encode(future),
        ]
        for bad in badFrames { try router.send([id, bad]) }
        try router.send([id, valid])
        #expect(await worker.waitFor { $0.contains { if case .assign("ns-1", 1) = $0 { true } else { false } } })
        #expect(
            worker.client.counters.rejectedFrames
                == ["undecodable": 2, "oversized": 1, "unsupported_version": 1])
        router.close()
    }
}
