import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §14 lines 1, 2, 53, 54 and §3 step 4, §7: finalizers and deletion.
@Suite struct FinalizerAndDeletionTests {
    let ours = VMServiceConstants.finalizer
    let deprecated = VMServiceConstants.deprecatedFinalizer

    @Test func finalizerIsAddedWhenMissing() throws {
        var api = FakeAPIServer(Fixture.vmService(finalizers: nil))
        try api.reconcile()
        #expect(api.vmService.metadata.finalizers == [ours])
    }

    @Test func finalizerIsPresentAfterEverySuccessfulPass() throws {
        var api = FakeAPIServer(Fixture.vmService(finalizers: ["other"]))
        for _ in 0..<3 {
            try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
            #expect(api.vmService.metadata.finalizers?.contains(ours) == true)
        }
        #expect(api.vmService.metadata.finalizers == ["other", ours])
    }

    @Test func deprecatedFinalizerIsReplaced() {
        #expect(Finalizers.ensured([deprecated, "other"]) == ["other", ours])
    }

    @Test func bothFinalizersPresentChangeNothing() {
        #expect(Finalizers.ensured([deprecated, ours]) == [deprecated, ours])
    }

    @Test func finalizerIsPersistedEvenWhenTheServiceWriteFails() throws {
        var api = FakeAPIServer(Fixture.vmService(finalizers: nil))
        api.failing = ["Service"]
        let succeeded = try api.reconcile()
        #expect(!succeeded)
        #expect(api.vmService.metadata.finalizers == [ours])
        #expect(!api.events.contains { $0.reason == "CreateK8sServiceSuccess" })
    }

    private func deleting(_ api: inout FakeAPIServer, finalizers: [String]) {
        api.vmService.metadata.deletionTimestamp = Fixture.later
        api.vmService.metadata.finalizers = finalizers
    }

    @Test func deletionRemovesTheFinalizer() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile()
        deleting(&api, finalizers: [ours, deprecated, "other"])
        try api.reconcile()
        #expect(api.vmService.metadata.finalizers == ["other"])
    }

    @Test func deletionDeletesEndpointsThenServiceAndRecordsTheEvent() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.service != nil && api.endpoint != nil)
        deleting(&api, finalizers: [ours])
        let start = api.writes.count
        try api.reconcile()
        #expect(api.service == nil)
        #expect(api.endpoint == nil)
        let deletes = api.writes[start...].compactMap { action -> String? in
            switch action {
            case .deleteEndpoints: "Endpoints"
            case .deleteService: "Service"
            default: nil
            }
        }
        #expect(deletes == ["Endpoints", "Service"])
        #expect(api.events.last == ReconcileEvent(type: "Normal", reason: "DeleteK8sServiceSuccess", message: "DeleteK8sService success"))
    }

    @Test func deletionWithoutOurFinalizerDoesNothing() throws {
        let vmService = Fixture.vmService(finalizers: ["other"])
        var deleting = vmService
        deleting.metadata.deletionTimestamp = Fixture.now
        let plan = try Reconciler().plan(
            ReconcileInput(vmService: deleting, storedService: Fixture.storedService(for: vmService), now: Fixture.now))
        #expect(plan.serviceActions.isEmpty && plan.finalActions.isEmpty && plan.endpointsPhase == nil)
    }

    @Test func deletionWithDeprecatedFinalizerOnlyStillCleansUp() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile()
        deleting(&api, finalizers: [deprecated])
        try api.reconcile()
        #expect(api.service == nil)
        #expect((api.vmService.metadata.finalizers ?? []).isEmpty)
    }

    @Test func failedDeleteKeepsTheFinalizers() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile()
        deleting(&api, finalizers: [ours])
        api.failing = ["Service"]
        let succeeded = try api.reconcile()
        #expect(!succeeded)
        #expect(api.vmService.metadata.finalizers == [ours])
        #expect(!api.events.contains { $0.reason == "DeleteK8sServiceSuccess" })
    }

    @Test func deletionNeverDeletesChildrenItDoesNotControl() throws {
        let vmService = Fixture.vmService()
        var deleting = vmService
        deleting.metadata.deletionTimestamp = Fixture.now
        let foreign = Service(metadata: ObjectMeta(name: Fixture.name, namespace: Fixture.namespace, uid: "theirs"))
        let plan = try Reconciler().plan(ReconcileInput(vmService: deleting, storedService: foreign, now: Fixture.now))
        #expect(!plan.serviceActions.contains { if case .deleteService = $0 { true } else { false } })
        #expect(plan.serviceActions.contains(.event(ReconcileEvent(type: "Normal", reason: "DeleteK8sServiceSuccess", message: "DeleteK8sService success"))))
    }

    @Test func deletesCarryTheChildUIDAsPrecondition() throws {
        let vmService = Fixture.vmService()
        var deleting = vmService
        deleting.metadata.deletionTimestamp = Fixture.now
        let plan = try Reconciler().plan(
            ReconcileInput(vmService: deleting, storedService: Fixture.storedService(for: vmService), now: Fixture.now))
        #expect(plan.serviceActions.first == .deleteService(namespace: Fixture.namespace, name: Fixture.name, uid: "svc-uid"))
    }

    @Test func deletionOfAnInvalidObjectStillCleansUp() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile()
        api.vmService.spec.type = "Bogus"
        deleting(&api, finalizers: [ours])
        try api.reconcile()
        #expect(api.service == nil)
        #expect((api.vmService.metadata.finalizers ?? []).isEmpty)
        #expect(!api.events.contains { $0.reason == "InvalidVirtualMachineService" })
    }
}
