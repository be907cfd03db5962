import KubeModel
import Synchronization
import Testing
import VMServiceCore

@testable import Worker

/// While the transport cannot confirm that the coordinator still counts this worker alive
/// (after a pause, say), nothing is written; the work waits for confirmation or a revoke.
@Suite struct WorkerOwnershipGateTests {
    /// Polls the engine (bounded): its batch-window timer runs as a task of its own.
    private func waitForWaitingServices(_ harness: WorkerHarness) async -> Bool {
        for _ in 0..<1000 {
            if await harness.worker.gauges.servicesWaiting > 0 { return true }
            await Task.yield()
        }
        return false
    }

    @Test func unconfirmedOwnershipHoldsWritesUntilConfirmed() async throws {
        let confirmed = Mutex(false)
        var harness = WorkerHarness { $0.ownershipConfirmed = { confirmed.withLock { $0 } } }
        try await harness.startWeb(vmCount: 2)
        harness.clock.advance(by: harness.batchPeriod)
        #expect(await waitForWaitingServices(harness))
        #expect(await harness.writes() == [])

        confirmed.withLock { $0 = true }
        await harness.settle()  // the gate is looked at again one batch period later
        #expect(await harness.writes() == ["create Service web", "create Endpoints web"])
    }

    @Test func revokeWhileUnconfirmedDropsTheHeldWork() async throws {
        let confirmed = Mutex(false)
        var harness = WorkerHarness { $0.ownershipConfirmed = { confirmed.withLock { $0 } } }
        try await harness.startWeb(vmCount: 2)
        harness.clock.advance(by: harness.batchPeriod)
        #expect(await waitForWaitingServices(harness))

        await harness.worker.handle(.revoke(namespace: Fixture.namespace, epoch: harness.epoch))
        confirmed.withLock { $0 = true }
        await harness.settle()
        #expect(await harness.writes() == [])
        #expect(await harness.worker.gauges.servicesWaiting == 0)
    }
}
