import Foundation
import ShardTransport
import Testing
import Worker
import ZeroMQ

@testable import Coordinator

/// The coordinator's ROUTER as a CURVE server over tcp (CURVE does not apply to inproc):
/// only workers whose public key is on the allowlist get through.
@Suite(.timeLimit(.minutes(1))) struct ShardChannelCurveTests {
    let serverKeys: CurveKeyPair
    let allowedKeys: CurveKeyPair
    let harness: Harness
    let endpoint: String

    init() async throws {
        let serverKeys = try CurveKeyPair.generate()
        let allowedKeys = try CurveKeyPair.generate()
        let harness = try Harness(endpoint: "tcp://127.0.0.1:*") {
            $0.shardSecurity = .curve(server: serverKeys, allowed: [allowedKeys.publicKey])
        }
        await harness.coordinator.ingest(Fixtures.added(Fixtures.vmService("ns-1", "web")))
        await harness.coordinator.ingest(Fixtures.added(Fixtures.vm("ns-1", "vm1")))
        let listening = await harness.waitFor { events in
            events.contains { if case .listening = $0 { true } else { false } }
        }
        #expect(listening)
        endpoint = try #require(await harness.coordinator.endpoint)
        self.harness = harness
        self.serverKeys = serverKeys
        self.allowedKeys = allowedKeys
    }

    func client(_ id: String, _ security: ShardClientSecurity) throws -> RecordingClient {
        var config = ShardClientConfig(workerID: id, endpoint: endpoint)
        config.heartbeatInterval = .milliseconds(100)
        config.heartbeatLiveness = 20
        config.security = security
        return try harness.client(config: config)
    }

    @Test func unknownKeyIsRefusedAndCountedWhileTheAllowedWorkerGetsItsNamespaces() async throws {
        let impostor = try client("w-impostor", .curve(client: try .generate(), serverKey: serverKeys.publicKey))
        #expect(await harness.waitFor { $0.contains(.peerRefused(address: "127.0.0.1", reason: "unknown_key")) })

        let allowed = try client("w-a", .curve(client: allowedKeys, serverKey: serverKeys.publicKey))
        #expect(await allowed.waitFor { RecordingClient.owned($0) == ["ns-1"] })
        let counters = await harness.coordinator.counters
        #expect(counters.peersRefused["unknown_key", default: 0] >= 1)
        #expect(counters.rejectedFrames.isEmpty, "the impostor's frames never reached the coordinator")
        #expect(await harness.coordinator.observation.queues.keys.sorted() == ["w-a"])
        #expect(await impostor.inputs.events.isEmpty)
        await harness.stop()
    }

    @Test func plainWorkerIsRefusedAndCountedAndNeverAdmitted() async throws {
        let plain = try client("w-plain", .plain)
        // It fails on the mechanism before any ZAP request: the socket monitor reports it.
        #expect(await harness.waitFor { $0.contains(.peerRefused(address: "127.0.0.1", reason: "bad_mechanism")) })
        #expect(await harness.coordinator.counters.peersRefused["bad_mechanism", default: 0] >= 1)
        let allowed = try client("w-a", .curve(client: allowedKeys, serverKey: serverKeys.publicKey))
        #expect(await allowed.waitFor { RecordingClient.owned($0) == ["ns-1"] })
        #expect(await harness.coordinator.observation.queues.keys.sorted() == ["w-a"])
        #expect(await plain.inputs.events.isEmpty)
        #expect(await harness.coordinator.counters.rejectedFrames.isEmpty)
        await harness.stop()
    }

    @Test func workerThatDoesNotKnowTheRealServerKeyGetsNothing() async throws {
        let fooled = try client("w-a", .curve(client: allowedKeys, serverKey: try CurveKeyPair.generate().publicKey))
        let real = try client("w-b", .curve(client: allowedKeys, serverKey: serverKeys.publicKey))
        #expect(await real.waitFor { RecordingClient.owned($0) == ["ns-1"] })
        #expect(await fooled.inputs.events.isEmpty)
        await harness.stop()
    }
}
