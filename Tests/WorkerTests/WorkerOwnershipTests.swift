import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// Ownership rules (DESIGN principle 4, spec §16.10): snapshot before any write, stale
/// epochs ignored, a sequence gap stops writes until a fresh snapshot, revocation at once.
@Suite struct WorkerOwnershipTests {
    let web = Fixture.vmService("web", selector: ["app": "web"])

    @Test func nothingIsWrittenBeforeTheSnapshot() async throws {
        let harness = WorkerHarness()
        try await harness.api.seed(web)
        await harness.worker.handle(.assign(namespace: Fixture.namespace, epoch: 1))
        await harness.worker.handle(
            .delta(namespace: Fixture.namespace, epoch: 1, sequence: 1, changes: [.vmServiceUpserted(web)]))
        await harness.settle()
        #expect(await harness.writes() == [])

        await harness.worker.handle(
            .snapshot(NamespaceSnapshot(namespace: Fixture.namespace, epoch: 1, sequence: 1, vmServices: [web])))
        await harness.settle()
        #expect(await harness.writes() == ["create Service web", "create Endpoints web"])
    }

    @Test func revocationStopsWritesAndDropsAnswersInFlight() async throws {
        var harness = WorkerHarness()
        await harness.api.hold()
        try await harness.start(vms: Fixture.vms("web", count: 1, app: "web", subnet: 1), vmServices: [web])
        harness.clock.advance(by: harness.batchPeriod)
        await harness.api.waitForHeldWrite()

        await harness.worker.handle(.revoke(namespace: Fixture.namespace, epoch: 1))
        await harness.api.release()
        await harness.worker.waitUntilIdle()
        // The Service create was already sent; the Endpoints (and the success Event) never are.
        #expect(await harness.writes() == ["create Service web"])
        #expect(await harness.api.events.isEmpty)
        #expect(await harness.worker.shards.isEmpty)

        await harness.send([.vmUpserted(Fixture.vm("web-1", ip: "10.1.0.9", labels: ["app": "web"]))])
        await harness.settle()
        #expect(await harness.writes() == ["create Service web"])
    }

    @Test func staleEpochsAreIgnored() async throws {
        let harness = WorkerHarness()
        try await harness.api.seed(web)
        await harness.worker.handle(.assign(namespace: Fixture.namespace, epoch: 2))
        await harness.worker.handle(
            .snapshot(NamespaceSnapshot(namespace: Fixture.namespace, epoch: 1, sequence: 0, vmServices: [web])))
        await harness.worker.handle(
            .delta(namespace: Fixture.namespace, epoch: 1, sequence: 1, changes: [.vmServiceUpserted(web)]))
        await harness.worker.handle(.revoke(namespace: Fixture.namespace, epoch: 1))
        await harness.settle()
        #expect(await harness.writes() == [])
        #expect(await harness.worker.metrics.staleInputs == 3)
        #expect(await harness.worker.shards[Fixture.namespace]?.epoch == 2)
    }

    @Test func aSequenceGapRequestsOneResyncAndPausesWrites() async throws {
        var harness = WorkerHarness()
        try await harness.start(vms: [], vmServices: [web])
        await harness.settle()
        let converged = await harness.writes()
        var outputs = harness.worker.outputs.makeAsyncIterator()
        #expect(await outputs.next() == .ack(namespace: Fixture.namespace, epoch: 1, sequence: 0))

        let vm = Fixture.vm("web-0", ip: "10.1.0.1", labels: ["app": "web"])
        await harness.worker.handle(
            .delta(namespace: Fixture.namespace, epoch: 1, sequence: 2, changes: [.vmUpserted(vm)]))
        await harness.worker.handle(
            .delta(namespace: Fixture.namespace, epoch: 1, sequence: 3, changes: [.vmUpserted(vm)]))
        #expect(await outputs.next() == .resyncNeeded(namespace: Fixture.namespace, epoch: 1))
        #expect(await harness.worker.metrics.resyncRequests == 1)
        #expect(await harness.worker.gauges.namespacesAwaitingSnapshot == 1)
        await harness.settle()
        #expect(await harness.writes() == converged)

        let service = try #require(await harness.api.object(Service.self, "web"))
        let endpoints = try #require(await harness.api.object(Endpoints.self, "web"))
        await harness.worker.handle(
            .snapshot(
                NamespaceSnapshot(
                    namespace: Fixture.namespace, epoch: 1, sequence: 3, vms: [vm], vmServices: [web],
                    services: [service], endpoints: [endpoints])))
        #expect(await outputs.next() == .ack(namespace: Fixture.namespace, epoch: 1, sequence: 3))
        await harness.settle()
        #expect(await harness.writes() == converged + ["patch Endpoints web"])
    }

    @Test func aDeltaOfANewerEpochPausesWritesAndAsksForItsSnapshot() async throws {
        var harness = WorkerHarness()
        try await harness.start(vms: [], vmServices: [web])
        await harness.settle()
        let converged = await harness.writes()
        let vm = Fixture.vm("web-0", ip: "10.1.0.1", labels: ["app": "web"])
        await harness.worker.handle(
            .delta(namespace: Fixture.namespace, epoch: 2, sequence: 1, changes: [.vmUpserted(vm)]))
        await harness.settle()
        #expect(await harness.writes() == converged)
        #expect(await harness.worker.metrics.resyncRequests == 1)
        #expect(await harness.worker.shards[Fixture.namespace]?.epoch == 2)
    }

    @Test func aLateEchoOfAnOlderVersionChangesNothing() throws {
        var shard = NamespaceShard(namespace: Fixture.namespace, epoch: 1)
        var service = Service(metadata: ObjectMeta(name: "web", namespace: Fixture.namespace, resourceVersion: "12"))
        _ = shard.load(NamespaceSnapshot(namespace: Fixture.namespace, epoch: 1, sequence: 0, vmServices: [web]))
        #expect(shard.apply(.serviceUpserted(service)) == ["web"])
        service.metadata.resourceVersion = "11"
        #expect(shard.apply(.serviceUpserted(service)) == [])
        #expect(shard.apply(.serviceDeleted(name: "web", resourceVersion: "10")) == [])
        #expect(shard.services["web"]?.metadata.resourceVersion == "12")
        #expect(shard.apply(.serviceDeleted(name: "web", resourceVersion: "12")) == ["web"])
        #expect(shard.services["web"] == nil)
    }
}
