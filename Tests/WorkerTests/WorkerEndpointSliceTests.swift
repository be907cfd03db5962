import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// The worker under `--endpoints-mode`: which objects it writes and what one change costs.
@Suite struct WorkerEndpointSliceTests {
    private func harness(_ mode: EndpointsMode, maxPerSlice: Int = 100) -> WorkerHarness {
        WorkerHarness { configuration in
            configuration.reconcileOptions = ReconcileOptions(endpointsMode: mode, maxEndpointsPerSlice: maxPerSlice)
        }
    }

    /// `count` ready VMs with a readiness probe, at 10.1.x.y.
    private func webVMs(_ count: Int) -> [VMProjection] {
        (0..<count).map {
            var vm = Fixture.vm("web-\($0)", ip: "10.1.\($0 / 250).\($0 % 250 + 1)", labels: ["app": "web"])
            vm.hasReadinessProbe = true
            return vm
        }
    }

    private func start(_ harness: inout WorkerHarness, vms: [VMProjection]) async throws {
        try await harness.start(vms: vms, vmServices: [Fixture.vmService("web", selector: ["app": "web"])])
        await harness.settle()
    }

    @Test func endpointSlicesModeWritesSlicesAndNoEndpoints() async throws {
        var harness = harness(.endpointslices)
        try await start(&harness, vms: webVMs(250))
        let writes = await harness.api.writes
        #expect(writes.filter { $0.kind == "Endpoints" }.isEmpty)
        #expect(writes.filter { $0.kind == "EndpointSlice" }.map(\.verb) == ["create", "create", "create"])
        let slices = await harness.api.objects(EndpointSlice.self)
        #expect(slices.map { $0.endpoints?.count ?? 0 }.sorted() == [50, 100, 100])
        #expect(slices.allSatisfy { $0.metadata.labels?[EndpointSlice.serviceNameLabel] == "web" })
    }

    @Test func bothModeWritesSlicesAndEndpointsMarkedSkipMirror() async throws {
        var harness = harness(.both)
        try await start(&harness, vms: webVMs(3))
        let endpoints = try #require(await harness.api.object(Endpoints.self, "web"))
        #expect(endpoints.metadata.labels?[EndpointSlice.skipMirrorLabel] == "true")
        #expect(await harness.api.objects(EndpointSlice.self).count == 1)
    }

    @Test func endpointsModeWritesNoSliceAndNoSkipMirrorLabel() async throws {
        var harness = harness(.endpoints)
        try await start(&harness, vms: webVMs(3))
        let endpoints = try #require(await harness.api.object(Endpoints.self, "web"))
        #expect(endpoints.metadata.labels?[EndpointSlice.skipMirrorLabel] == nil)
        #expect(await harness.api.objects(EndpointSlice.self).isEmpty)
    }

    @Test func aReadinessFlipAmongManyCostsOneSliceWrite() async throws {
        var harness = harness(.endpointslices)
        var vms = webVMs(1000)
        try await start(&harness, vms: vms)
        let converged = await harness.api.writes.count
        vms[517].readyStatus = "False"
        await harness.send([.vmUpserted(vms[517])])
        await harness.settle()
        let after = await harness.api.writes.dropFirst(converged)
        #expect(after.map(\.verb) == ["patch"])
        #expect(after.map(\.kind) == ["EndpointSlice"])
    }

    @Test func aSliceDeletedBySomeoneElseIsCreatedAgain() async throws {
        var harness = harness(.endpointslices)
        try await start(&harness, vms: webVMs(3))
        let slice = try #require(await harness.api.objects(EndpointSlice.self).first)
        await harness.send([.endpointSliceDeleted(name: slice.name, resourceVersion: slice.metadata.resourceVersion)])
        await harness.settle()
        #expect(await harness.api.writes.last?.description.hasPrefix("create EndpointSlice web-") == true)
    }

    @Test func switchingToEndpointSlicesModeDeletesTheEndpointsWeControl() async throws {
        var before = harness(.both)
        try await start(&before, vms: webVMs(3))
        let service = try #require(await before.api.object(Service.self, "web"))
        let endpoints = try #require(await before.api.object(Endpoints.self, "web"))
        let slices = await before.api.objects(EndpointSlice.self)

        var after = harness(.endpointslices)
        for slice in slices { try await after.api.seed(slice) }
        try await after.api.seed(service)
        try await after.api.seed(endpoints)
        try await after.start(
            vms: webVMs(3), vmServices: [Fixture.vmService("web", selector: ["app": "web"])], services: [service],
            endpoints: [endpoints], endpointSlices: slices)
        await after.settle()
        let writes = await after.api.writes.filter { $0.kind != "VirtualMachineService" }
        #expect(writes.map(\.description) == ["delete Endpoints web"])
    }
}
