import Foundation
import KubeClient
import KubeModel
import Testing

extension FaultScenarios {
    /// An unreliable API server: injected errors, dropped watches, compaction, latency, and
    /// a restart that keeps the objects.
    @Suite struct APIFaultTests {
        let fleet = FaultScenarios.fleet

        @Test func convergesThroughErrorsDroppedWatchesCompactionAndLatency() async throws {
            try await withOperator(.fastHeartbeats) { cluster in
                try await FleetWriter(client: cluster.client).create(fleet)
                try await cluster.expectConverged("before the faults", checked: fleet.vmServiceCount)
                let admin = SimAdmin(url: cluster.simURL)
                // 7% errors: 5 in 7 of them 500/503, 2 in 7 429 with Retry-After.
                try await admin.setFaults([
                    "errorRate": 0.07, "errorCodes": [500, 503, 500, 503, 500, 429, 429], "retryAfterSeconds": 1,
                    "conflictRate": 0.02, "dropWatchesEverySeconds": 3, "latencyMilliseconds": 50,
                    "latencyJitterMilliseconds": 50,
                ])
                let churn = Churn(fleet: fleet, client: cluster.client)
                churn.start()
                for _ in 0..<3 {
                    // Compaction mid-churn: reflectors resuming a dropped watch get 410 and relist.
                    try await Task.sleep(for: .seconds(2))
                    try await admin.compact()
                }
                await churn.stop()
                try await admin.clearFaults()
                #expect(churn.changes > 0)
                let answered = Set(try await admin.requests().map(\.code))
                #expect(answered.isSuperset(of: [409, 429, 500, 503]), "faults were injected: \(answered.sorted())")
                #expect(!cluster.coordinator.lines(containing: "relisting").isEmpty, "compaction made reflectors relist")
                try await cluster.expectConverged("after the faults", checked: fleet.vmServiceCount, within: .seconds(120))
                let lost = try await churn.lostUpdates(cluster.client)
                #expect(lost.isEmpty, "updates lost: \(lost.prefix(10))")
            }
        }

        @Test func reflectorsRelistAfterKubeSimRestartsWithItsData() async throws {
            let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-sim-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dataDirectory) }
            var settings = OperatorSettings.fastHeartbeats
            settings.simArguments = ["--data-dir", dataDirectory.path]
            try await withOperator(settings) { cluster in
                let writer = FleetWriter(client: cluster.client)
                try await writer.create(fleet)
                try await cluster.expectConverged("before the restart", checked: fleet.vmServiceCount)
                let before = try await cluster.client.get(VirtualMachine.self, name: fleet.vmName(0), namespace: fleet.namespace(0))

                let mark = cluster.coordinator.lineCount
                try await cluster.restartSim()
                let after = try await cluster.client.get(VirtualMachine.self, name: fleet.vmName(0), namespace: fleet.namespace(0))
                #expect(after.metadata.resourceVersion == before.metadata.resourceVersion, "objects kept as they were")
                #expect(after.metadata.uid == before.metadata.uid)

                let churn = Churn(fleet: fleet, client: cluster.client)
                for n in 0..<fleet.namespaces { await churn.change(namespace: n, vm: n % fleet.vmsPerNamespace) }
                let changed = try await cluster.client.get(
                    VirtualMachine.self, name: fleet.vmName(0), namespace: fleet.namespace(0))
                let versions = [before, changed].compactMap { $0.metadata.resourceVersion.flatMap { Int($0) } }
                #expect(versions.count == 2 && versions[1] > versions[0], "resourceVersions continue: \(versions)")
                try await cluster.expectConverged("after the restart", checked: fleet.vmServiceCount)
                #expect(await cluster.coordinator.line(containing: "relisting", from: mark, within: .seconds(10)) != nil)
                let lost = try await churn.lostUpdates(cluster.client)
                #expect(lost.isEmpty, "updates lost: \(lost.prefix(10))")
            }
        }
    }
}
