import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// What the worker writes for a namespace: only differences, coalesced per batch window (or
/// paced: at once for an idle service, coalesced for a busy one).
@Suite struct WorkerSyncTests {
    @Test func snapshotThenDeltasWriteExactlyTheDifferences() async throws {
        var harness = WorkerHarness()
        try await harness.startWeb(vmCount: 2)
        await harness.settle()
        #expect(await harness.writes() == ["create Service web", "create Endpoints web"])
        let created = try #require(await harness.api.object(Endpoints.self, "web"))
        #expect(created.readyIPs == ["10.1.0.1", "10.1.0.2"])
        #expect(await harness.api.events.map(\.reason) == [EventReason.createServiceSuccess])

        await harness.send([.vmUpserted(Fixture.vm("web-2", ip: "10.1.0.3", labels: ["app": "web"]))])
        await harness.settle()
        #expect(await harness.writes() == ["create Service web", "create Endpoints web", "patch Endpoints web"])
        let patched = try #require(await harness.api.object(Endpoints.self, "web"))
        #expect(patched.readyIPs == ["10.1.0.1", "10.1.0.2", "10.1.0.3"])
    }

    @Test func nothingIsWrittenBeforeTheBatchPeriodEnds() async throws {
        var harness = WorkerHarness()
        try await harness.startWeb(vmCount: 1)
        harness.clock.advance(by: .milliseconds(49))
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes() == [])
        harness.clock.advance(by: .milliseconds(1))
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes() == ["create Service web", "create Endpoints web"])
    }

    @Test func pacedAServiceIsWrittenAtOnceForTwoPassesThenWhenItsBudgetAllows() async throws {
        var harness = WorkerHarness { $0.batchPolicy = .pace }
        try await harness.startWeb(vmCount: 1)
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes() == ["create Service web", "create Endpoints web"])
        await harness.send([.vmUpserted(Fixture.vm("web-1", ip: "10.1.0.2", labels: ["app": "web"]))])
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes().count == 3, "the second pass of the burst goes out at once")

        // Two passes at the same instant spent the budget until one period from now.
        await harness.send([.vmUpserted(Fixture.vm("web-2", ip: "10.1.0.3", labels: ["app": "web"]))])
        harness.clock.advance(by: .milliseconds(49))
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes().count == 3)
        #expect(await harness.worker.gauges.servicesHeld == 1)
        harness.clock.advance(by: .milliseconds(1))
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes().last == "patch Endpoints web")
        #expect(try #require(await harness.api.object(Endpoints.self, "web")).readyIPs.contains("10.1.0.3"))
        #expect(await harness.worker.gauges.servicesHeld == 0)
    }

    @Test func irrelevantVMUpdatesCostNoWrites() async throws {
        var harness = WorkerHarness()
        let vms = Fixture.vms("web", count: 10, app: "web", subnet: 1)
        try await harness.start(vms: vms, vmServices: [Fixture.vmService("web", selector: ["app": "web"])])
        await harness.settle()
        let converged = await harness.writes()
        let dirtyBefore = await harness.worker.metrics.dirtyServices

        // Annotation-only and power-state updates reach the worker as identical projections.
        for round in 0..<1000 {
            await harness.send([.vmUpserted(vms[round % vms.count])])
        }
        await harness.settle()
        #expect(await harness.writes() == converged)
        #expect(await harness.worker.metrics.dirtyServices == dirtyBefore)
        #expect(await harness.worker.metrics.changesReceived == 1000)
    }

    @Test func pacedAHundredChangesCostTheTwoPassesOfTheBurstAndOneMore() async throws {
        var harness = WorkerHarness { $0.batchPolicy = .pace }
        let vms = Fixture.vms("web", count: 10, app: "web", subnet: 1)
        try await harness.start(vms: vms, vmServices: [Fixture.vmService("web", selector: ["app": "web"])])
        await harness.settle()
        let syncsBefore = await harness.worker.metrics.syncs

        func change(_ n: Int) -> NamespaceChange {
            var vm = vms[n % vms.count]
            vm.primaryIP4 = "10.2.\(n / 10).\(n % 10 + 1)"
            return .vmUpserted(vm)
        }
        // Each pass's write is held while changes arrive, so every pass has changes waiting.
        await harness.api.hold()
        await harness.send([change(0)])
        await harness.api.waitForHeldWrite()
        for n in 1..<50 { await harness.send([change(n)]) }
        await harness.api.letHeldWritesProceed()
        await harness.api.waitForHeldWrite()  // the burst's second pass, at once
        for n in 50..<100 { await harness.send([change(n)]) }
        await harness.api.release()
        await harness.worker.waitUntilIdle()
        #expect(await harness.api.writes(of: "Endpoints").map(\.verb) == ["create", "patch", "patch"])
        #expect(await harness.worker.gauges.servicesHeld == 1)

        await harness.settle()
        #expect(await harness.api.writes(of: "Endpoints").map(\.verb) == ["create", "patch", "patch", "patch"])
        #expect(await harness.worker.metrics.syncs == syncsBefore + 3)
        let endpoints = try #require(await harness.api.object(Endpoints.self, "web"))
        #expect(Set(endpoints.readyIPs) == Set((90..<100).map { "10.2.9.\($0 % 10 + 1)" }))
    }

    @Test func manyChangesOfOneServiceInOneWindowCostOneEndpointsWrite() async throws {
        var harness = WorkerHarness()
        let vms = Fixture.vms("web", count: 10, app: "web", subnet: 1)
        try await harness.start(vms: vms, vmServices: [Fixture.vmService("web", selector: ["app": "web"])])
        await harness.settle()
        let syncsBefore = await harness.worker.metrics.syncs

        for change in 0..<100 {
            var vm = vms[change % vms.count]
            vm.primaryIP4 = "10.2.\(change / 10).\(change % 10 + 1)"
            await harness.send([.vmUpserted(vm)])
        }
        await harness.settle()
        #expect(await harness.api.writes(of: "Endpoints").map(\.verb) == ["create", "patch"])
        #expect(await harness.worker.metrics.syncs == syncsBefore + 1)
        let endpoints = try #require(await harness.api.object(Endpoints.self, "web"))
        #expect(Set(endpoints.readyIPs) == Set((90..<100).map { "10.2.9.\($0 % 10 + 1)" }))
    }

    @Test func labelMoveRewritesBothServicesAndNothingElse() async throws {
        var harness = WorkerHarness()
        let a = Fixture.vms("a", count: 2, app: "a", subnet: 1)
        let b = Fixture.vms("b", count: 2, app: "b", subnet: 2)
        let c = Fixture.vms("c", count: 2, app: "c", subnet: 3)
        try await harness.start(
            vms: a + b + c,
            vmServices: ["a", "b", "c"].map { Fixture.vmService($0, selector: ["app": $0]) })
        await harness.settle()
        let converged = await harness.writes().count

        var moved = a[0]
        moved.labels = ["app": "b"]
        await harness.send([.vmUpserted(moved)])
        await harness.settle()
        let written = await harness.writes().dropFirst(converged)
        #expect(written.sorted() == ["patch Endpoints a", "patch Endpoints b"])
        #expect(try #require(await harness.api.object(Endpoints.self, "a")).readyIPs == ["10.1.0.2"])
        #expect(try #require(await harness.api.object(Endpoints.self, "b")).readyIPs.contains("10.1.0.1"))
    }

    @Test func storedAnswersMakeASecondPassWriteNothing() async throws {
        var harness = WorkerHarness()
        let vmService = Fixture.vmService("web", selector: ["app": "web"], finalizers: nil)
        try await harness.start(vms: Fixture.vms("web", count: 2, app: "web", subnet: 1), vmServices: [vmService])
        await harness.settle()
        // The finalizer is added after the children (spec §3 step 4 and step 2).
        #expect(
            await harness.writes() == [
                "create Service web", "create Endpoints web", "patch VirtualMachineService web",
            ])
        let service = try #require(await harness.api.object(Service.self, "web"))
        #expect(service.spec?.clusterIP != nil)

        // A VMService update that changes nothing the controller computes (a newer version),
        // and the watch echo of the Service as first created: no write.
        var touched = try #require(await harness.api.object(VirtualMachineService.self, "web"))
        touched.metadata.resourceVersion = "9999"
        await harness.send([.vmServiceUpserted(touched), .serviceUpserted(service)])
        await harness.settle()
        #expect(await harness.writes().count == 3)
    }

    @Test func aServiceDirtiedWhileSyncingIsSyncedAgainAfterwards() async throws {
        var harness = WorkerHarness()
        try await harness.startWeb(vmCount: 1)
        await harness.settle()
        await harness.api.hold()
        await harness.send([.vmUpserted(Fixture.vm("web-0", ip: "10.9.0.1", labels: ["app": "web"]))])
        harness.clock.advance(by: harness.batchPeriod)
        await harness.api.waitForHeldWrite()

        await harness.send([.vmUpserted(Fixture.vm("web-0", ip: "10.9.0.2", labels: ["app": "web"]))])
        harness.clock.advance(by: harness.batchPeriod)
        await harness.api.release()
        await harness.worker.waitUntilIdle()

        #expect(await harness.api.writes(of: "Endpoints").map(\.verb) == ["create", "patch", "patch"])
        #expect(await harness.api.maxConcurrentPerObject == 1)
        #expect(try #require(await harness.api.object(Endpoints.self, "web")).readyIPs == ["10.9.0.2"])
    }

    @Test func drainSyncsPendingServicesAndEndsTheOutputs() async throws {
        var harness = WorkerHarness()
        try await harness.startWeb(vmCount: 1)
        await harness.worker.drain()
        #expect(await harness.writes() == ["create Service web", "create Endpoints web"])
        var outputs: [WorkerOutput] = []
        for await output in harness.worker.outputs { outputs.append(output) }
        #expect(outputs == [.ack(namespace: Fixture.namespace, epoch: 1, sequence: 0)])
    }
}
