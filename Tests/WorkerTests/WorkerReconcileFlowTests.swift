import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// The parts of spec §3 that are more than a create or patch: invalid objects, objects that
/// are not ours, the deletion flow, and how many services sync at once.
@Suite struct WorkerReconcileFlowTests {
    @Test func anInvalidVirtualMachineServiceGetsAWarningAndNoWrite() async throws {
        var harness = WorkerHarness()
        var invalid = Fixture.vmService("web", selector: ["app": "web"])
        invalid.spec.type = "NodePort"
        try await harness.start(vms: Fixture.vms("web", count: 1, app: "web", subnet: 1), vmServices: [invalid])
        await harness.settle()
        #expect(await harness.writes() == [])
        let warning = try #require(await harness.api.events.first)
        #expect(warning.reason == EventReason.invalidVirtualMachineService)
        #expect(warning.note?.contains("spec.type") == true)
    }

    @Test func aServiceNotControlledByTheVMServiceIsLeftAlone() async throws {
        var harness = WorkerHarness()
        let foreign = Service(
            metadata: ObjectMeta(name: "web", namespace: Fixture.namespace, uid: "someone-else", resourceVersion: "5"),
            spec: ServiceSpec(type: "ClusterIP", clusterIP: "10.96.0.99"))
        try await harness.api.seed(foreign)
        try await harness.start(
            vms: Fixture.vms("web", count: 1, app: "web", subnet: 1),
            vmServices: [Fixture.vmService("web", selector: ["app": "web"])], services: [foreign])
        await harness.settle()
        #expect(await harness.writes() == [])
        #expect(await harness.api.events.map(\.reason) == [EventReason.serviceConflict])
    }

    @Test func deletionRemovesTheChildrenThenTheFinalizer() async throws {
        var harness = WorkerHarness()
        let web = Fixture.vmService("web", selector: ["app": "web"])
        try await harness.start(vms: Fixture.vms("web", count: 1, app: "web", subnet: 1), vmServices: [web])
        await harness.settle()

        var deleting = try #require(await harness.api.object(VirtualMachineService.self, "web"))
        deleting.metadata.deletionTimestamp = Time(secondsSince1970: 1_800_000_100)
        deleting.metadata.resourceVersion = "5000"
        try await harness.api.seed(deleting)
        await harness.send([.vmServiceUpserted(deleting)])
        await harness.settle()
        #expect(
            await harness.writes().suffix(3) == [
                "delete Endpoints web", "delete Service web", "patch VirtualMachineService web",
            ])
        #expect(await harness.api.object(Service.self, "web") == nil)
        #expect(await harness.api.object(VirtualMachineService.self, "web")?.metadata.finalizers ?? [] == [])
        #expect(await harness.api.events.map(\.reason).last == EventReason.deleteServiceSuccess)
    }

    @Test func noMoreServicesSyncAtOnceThanMaxInflight() async throws {
        var harness = WorkerHarness { $0.maxInflight = 2 }
        let names = (0..<5).map { "svc-\($0)" }
        await harness.api.hold()
        try await harness.start(
            vms: [], vmServices: names.map { Fixture.vmService($0, selector: ["app": $0]) })
        harness.clock.advance(by: harness.batchPeriod)
        await harness.api.waitForHeldWrite(count: 2)
        await harness.api.release()
        await harness.worker.waitUntilIdle()
        #expect(await harness.api.maxConcurrent == 2)
        #expect(await harness.api.writes(of: "Endpoints").count == 5)
    }
}

/// Changes to the children reach their VirtualMachineService (spec §2.1).
@Suite struct WorkerChildChangeTests {
    @Test func aLoadBalancerIngressIsCopiedThroughTheStatusSubresource() async throws {
        var harness = WorkerHarness()
        var web = Fixture.vmService("web", selector: ["app": "web"])
        web.spec.type = ServiceType.loadBalancer
        try await harness.start(vms: Fixture.vms("web", count: 1, app: "web", subnet: 1), vmServices: [web])
        await harness.settle()
        #expect(await harness.writes() == ["create Service web", "create Endpoints web"])

        // The cloud provider publishes an ingress: a newer Service arrives through the watch.
        var service = try #require(await harness.api.object(Service.self, "web"))
        service.status = ServiceStatus(
            loadBalancer: LoadBalancerStatus(ingress: [LoadBalancerIngress(ip: "192.0.2.10")]))
        service.metadata.resourceVersion = "9000"
        await harness.send([.serviceUpserted(service)])
        await harness.settle()
        #expect(await harness.writes().last == "patch status of VirtualMachineService web")
        let status = try #require(await harness.api.object(VirtualMachineService.self, "web")?.status)
        #expect(status.loadBalancer?.ingress?.first?.ip == "192.0.2.10")
    }

    @Test func endpointsDeletedBySomeoneElseAreCreatedAgain() async throws {
        var harness = WorkerHarness()
        try await harness.startWeb(vmCount: 1)
        await harness.settle()
        let stored = try #require(await harness.api.object(Endpoints.self, "web"))
        await harness.send([.endpointsDeleted(name: "web", resourceVersion: stored.metadata.resourceVersion)])
        await harness.settle()
        #expect(await harness.api.writes(of: "Endpoints").map(\.verb) == ["create", "create"])
    }
}
