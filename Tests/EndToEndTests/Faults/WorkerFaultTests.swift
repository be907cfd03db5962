import Foundation
import KubeModel
import Testing

extension FaultScenarios {
    /// Workers joining, dying and stalling under a running coordinator.
    @Suite struct WorkerFaultTests {
        let fleet = FaultScenarios.fleet

        @Test func thirdWorkerTakesOnlyItsShareOfNamespaces() async throws {
            try await withOperator(.fastHeartbeats) { cluster in
                try await FleetWriter(client: cluster.client).create(fleet)
                try await cluster.expectConverged("two workers", checked: fleet.vmServiceCount)
                let before = Ownership.owners(cluster.coordinator)
                #expect(before.count == fleet.namespaces)
                let revokesBefore = try await ProcessMetrics.scrape(cluster.coordinator).sum("vmsvc_coordinator_revokes_total")

                _ = try cluster.startWorker()
                let newcomer = Operator.workerID(2)
                // Every move is a revoke acknowledged by the old owner, then an assignment to
                // the newcomer: the rebalance is over when both counts agree.
                let settled = try await eventually(within: .seconds(30)) {
                    let moved = Ownership.owners(cluster.coordinator).values.count { $0 == newcomer }
                    let revokes = try await ProcessMetrics.scrape(cluster.coordinator).sum("vmsvc_coordinator_revokes_total")
                    return moved > 0 && Double(moved) == revokes - revokesBefore
                }
                #expect(settled, "the third worker got namespaces: \(Ownership.owners(cluster.coordinator))")
                let after = Ownership.owners(cluster.coordinator)
                let moved = after.filter { before[$0.key] != $0.value }
                let limit = (fleet.namespaces + 2) / 3 + 1
                print("e2e: third worker: \(moved.count) of \(fleet.namespaces) namespaces moved (limit \(limit))")
                #expect(moved.count <= limit)
                #expect(moved.values.allSatisfy { $0 == newcomer }, "only moves to the newcomer: \(moved)")
                try await cluster.expectConverged("three workers", checked: fleet.vmServiceCount)
            }
        }

        @Test func killedWorkersNamespacesMoveAndNoUpdateIsLost() async throws {
            try await withOperator(.fastHeartbeats) { cluster in
                try await FleetWriter(client: cluster.client).create(fleet)
                try await cluster.expectConverged("before the kill", checked: fleet.vmServiceCount)
                let churn = Churn(fleet: fleet, client: cluster.client)
                churn.start()
                let victim = cluster.workers[1]
                let orphaned = Ownership.owners(cluster.coordinator).filter { $0.value == Operator.workerID(1) }.keys
                #expect(!orphaned.isEmpty)

                let killed = ContinuousClock.now
                victim.send(SIGKILL)
                let reassigned = await eventually(within: .seconds(30), every: .milliseconds(20)) {
                    let owners = Ownership.owners(cluster.coordinator)
                    return orphaned.allSatisfy { owners[$0] != Operator.workerID(1) }
                }
                let elapsed = ContinuousClock.now - killed
                print("e2e: kill -9: \(orphaned.count) namespaces reassigned after \(elapsed) (heartbeat \(OperatorSettings.heartbeatInterval) × 3)")
                #expect(reassigned)
                // A sanity bound, not a benchmark: detection takes 3 intervals plus one tick.
                #expect(elapsed < .seconds(10))

                await churn.stop()
                #expect(churn.changes > 0)
                try await cluster.expectConverged("after the kill", checked: fleet.vmServiceCount)
                let lost = try await churn.lostUpdates(cluster.client)
                #expect(lost.isEmpty, "updates lost: \(lost.prefix(10))")
            }
        }

        /// A worker frozen (SIGSTOP) past the heartbeat timeout with changes in its batch
        /// window: its namespaces move; when it runs again it must not write those changes into
        /// namespaces it no longer owns. Its writes are counted where they land, by kube-sim
        /// per User-Agent: the victim's own /metrics lag a publication behind, and a write
        /// leaving the process after the thaw is what matters.
        @Test
        func frozenWorkerDoesNotWriteAfterItsNamespacesMoved() async throws {
            var settings = OperatorSettings.fastHeartbeats
            settings.workers = 1
            try await withOperator(settings) { cluster in
                // The victim batches for 5 s, so its window is still open when it is frozen.
                let victim = try cluster.startWorker(batchPeriod: "5s")
                let victimID = Operator.workerID(1)
                let writer = FleetWriter(client: cluster.client)
                try await writer.create(fleet)
                try await cluster.expectConverged("before the freeze", checked: fleet.vmServiceCount)
                let owned = Ownership.owners(cluster.coordinator).filter { $0.value == victimID }.keys.sorted()
                try #require(!owned.isEmpty, "the victim owns namespaces")

                let namespaces = owned.compactMap { name in (0..<fleet.namespaces).first { fleet.namespace($0) == name } }
                for n in namespaces {
                    try await writer.setStatus(fleet.namespace(n), fleet.vmName(1), fleet.status(namespace: n, vm: 1, generation: 7))
                }
                let held = try await eventually(within: .seconds(10)) {
                    try await ProcessMetrics.scrape(victim).sum("vmsvc_worker_queue_depth", ["stage": "held"]) > 0
                }
                #expect(held, "the victim has changes waiting in its batch window")
                victim.send(SIGSTOP)
                let moved = await eventually(within: .seconds(30)) {
                    let owners = Ownership.owners(cluster.coordinator)
                    return owned.allSatisfy { owners[$0] != victimID }
                }
                #expect(moved, "the frozen worker's namespaces moved")
                // Frozen, it sends nothing more: what kube-sim has from it now came before.
                let admin = SimAdmin(url: cluster.simURL)
                let writesBefore = try await admin.writes(by: "worker/\(victimID)")
                // The count tells workers apart: the other worker's writes are there.
                #expect(try await admin.writes(by: "worker/\(Operator.workerID(0))") > 0)
                // The new owner writes something the held change would overwrite.
                for n in namespaces {
                    try await writer.setStatus(fleet.namespace(n), fleet.vmName(1), fleet.status(namespace: n, vm: 1, generation: 8))
                }
                try await cluster.expectConverged("while frozen", checked: fleet.vmServiceCount)

                let mark = victim.lineCount
                let coordinatorMark = cluster.coordinator.lineCount
                victim.send(SIGCONT)
                #expect(await victim.line(containing: "coordinator silent", from: mark, within: .seconds(30)) != nil)
                // Declared dead, it joins as a new worker once it has given its namespaces up.
                let rejoined = await cluster.coordinator.line(
                    containing: "\"worker\":\"\(victimID)\"", from: coordinatorMark, within: .seconds(30))
                #expect(rejoined?.contains("worker joined") == true, "the thawed worker said Hello again")
                try await cluster.expectConverged("after the thaw", checked: fleet.vmServiceCount)
                // Written back: its held passes have run (and found no ownership) by now.
                let staleWrites = try await admin.writes(by: "worker/\(victimID)") - writesBefore
                print("e2e: frozen worker: \(Int(staleWrites)) writes after its namespaces moved")
                #expect(staleWrites == 0)
            }
        }
    }
}
