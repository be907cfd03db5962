import Foundation
import KubeClient
import KubeModel
import Testing

extension FaultScenarios {
    /// The coordinator restarting, and two coordinators electing a leader.
    @Suite struct CoordinatorFaultTests {
        let fleet = FaultScenarios.fleet

        @Test func workersResyncWithARestartedCoordinator() async throws {
            try await withOperator(.fastHeartbeats) { cluster in
                try await FleetWriter(client: cluster.client).create(fleet)
                try await cluster.expectConverged("before the restart", checked: fleet.vmServiceCount)
                let churn = Churn(fleet: fleet, client: cluster.client)
                churn.start()

                cluster.coordinator.send(SIGKILL)
                let restarted = try await cluster.restartCoordinator()
                for index in 0..<2 {
                    let joined = await restarted.line(containing: "\"worker\":\"\(Operator.workerID(index))\"")
                    #expect(joined != nil, "worker \(index) found the new coordinator")
                }
                let assigned = await eventually(within: .seconds(30)) {
                    Ownership.owners(restarted).count == fleet.namespaces
                }
                #expect(assigned, "the new coordinator assigned every namespace")

                await churn.stop()
                try await cluster.expectConverged("after the restart", checked: fleet.vmServiceCount)
                let lost = try await churn.lostUpdates(cluster.client)
                #expect(lost.isEmpty, "updates lost: \(lost.prefix(10))")
            }
        }

        /// Two coordinators on one Lease (short timings); workers find the leader through it.
        static var electing: OperatorSettings {
            var settings = OperatorSettings.fastHeartbeats
            settings.coordinators = 2
            settings.fixedCoordinatorPorts = true
            settings.coordinatorArguments = [
                "--leader-elect", "--leader-election-namespace", "default", "--leader-election-lease-duration", "2s",
                "--leader-election-renew-deadline", "1500ms", "--leader-election-retry-period", "250ms",
            ]
            settings.workerArguments = ["--coordinator-lease", "default/vmsvc-coordinator"]
            return settings
        }

        @Test func standbyTakesOverWhenTheLeaderIsKilled() async throws {
            try await withOperator(Self.electing) { cluster in
                let writer = FleetWriter(client: cluster.client)
                try await writer.create(fleet)
                try await cluster.expectConverged("with a leader", checked: fleet.vmServiceCount)
                let leaders = cluster.coordinators.filter { !$0.lines(containing: "became leader").isEmpty }
                #expect(leaders.count == 1, "exactly one coordinator leads")
                let leader = try #require(leaders.first)
                let standby = try #require(cluster.coordinators.first { $0 !== leader })
                #expect(standby.lines(containing: "coordinator listening").isEmpty, "the standby does not serve")

                // Writes resume when a change made right after the kill reaches its Endpoints.
                let killed = ContinuousClock.now
                leader.send(SIGKILL)
                try await writer.setStatus(
                    fleet.namespace(0), fleet.vmName(1), fleet.status(namespace: 0, vm: 1, generation: 9))
                let expected = fleet.ip(namespace: 0, vm: 1, generation: 9)
                let resumed = try await eventually(within: .seconds(60), every: .milliseconds(50)) {
                    let endpoints = try await cluster.client.get(
                        Endpoints.self, name: fleet.app(1 % fleet.apps), namespace: fleet.namespace(0))
                    return (endpoints.subsets ?? []).contains { ($0.addresses ?? []).contains { $0.ip == expected } }
                }
                let failover = ContinuousClock.now - killed
                print("e2e: leader killed: writes resumed after \(failover) (lease 2s)")
                #expect(resumed)
                #expect(await standby.line(containing: "became leader", within: .seconds(1)) != nil)
                try await cluster.expectConverged("after the failover", checked: fleet.vmServiceCount)
            }
        }
    }
}
