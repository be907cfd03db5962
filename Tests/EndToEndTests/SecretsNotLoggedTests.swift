import Foundation
import Testing

/// A full deployment with every secret in play — kube-sim requiring a bearer token and the
/// shard channel on CURVE keys — must not print any of them, in any process's output.
@Suite(.serialized) struct SecretsNotLoggedTests {
    @Test func tokenAndSecretKeysAppearInNoLogOfAFullRun() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = "e2e-token-\(UUID().uuidString)"
        let channel = try await ShardChannel.generateCurve(workers: 2, in: directory)
        let cluster = try await Operator.start(channel: channel, simToken: token, in: directory)
        let fleet = LargeFleet(namespaces: 2, vmsPerNamespace: 5, apps: 2)
        do {
            try await FleetWriter(client: cluster.client).create(fleet)
            let report = try await cluster.awaitConverged()
            #expect(report.discrepancies.isEmpty, "\(report.discrepancies.prefix(10).map(\.description))")
            #expect(report.checked == fleet.vmServiceCount, "\(report.summary)")
        } catch {
            _ = await cluster.stop()
            throw error
        }
        let statuses = await cluster.stop()
        #expect(statuses == ["sim": 0, "coordinator": 0, "worker 0": 0, "worker 1": 0])

        let secretKeys = try ["coordinator", "worker-0", "worker-1"].map { name in
            try String(contentsOfFile: directory.appendingPathComponent("\(name).key").path, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let processes = [cluster.sim, cluster.coordinator] + cluster.workers
        for process in processes {
            #expect(!process.output.isEmpty, "\(process.name) logged nothing: the check would be vacuous")
            #expect(!process.output.contains(token), "\(process.name) logged the bearer token")
            for key in secretKeys {
                #expect(!process.output.contains(key), "\(process.name) logged a CURVE secret key")
            }
        }
        #expect(cluster.coordinator.output.contains("\"shardChannel\":\"curve (2 worker keys allowed)\""))
    }
}
