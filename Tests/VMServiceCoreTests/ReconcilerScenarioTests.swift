import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §14 lines 67–75 (the reference's integration tests), replayed against the pure
/// reconciler and a fake API server that defaults Services like a single-stack IPv4 cluster;
/// plus the two-phase contract of spec §3 step 7 and §16.8 failure reporting.
@Suite struct ReconcilerScenarioTests {
    let v6 = Reconciler(options: ReconcileOptions(version: .v1alpha6))

    @Test func notReadyProbeVMBeforeLoadBalancerCreation() throws {
        var api = FakeAPIServer(
            Fixture.vmService(labels: ["l": "1"], annotations: ["a": "1"], finalizers: nil), defaulting: true)
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1", probe: true)])
        #expect(api.vmService.metadata.finalizers == [VMServiceConstants.finalizer])
        let service = try #require(api.service)
        #expect(service.metadata.labels?["l"] == "1")
        #expect(service.metadata.annotations?["a"] == "1")
        #expect(service.spec?.type == "LoadBalancer")
        #expect(service.spec?.selector == nil)
        #expect(api.vmService.status?.loadBalancer?.ingress == nil)
        let endpoints = try #require(api.endpoint)
        #expect(endpoints.metadata.labels?["l"] == "1")
        #expect(endpoints.metadata.annotations?["a"] == "1")
        #expect(endpoints.subsets?.count == 1)
        #expect(endpoints.readyIPs == [])
        let address = try #require(endpoints.subsets?.first?.notReadyAddresses?.first)
        #expect(endpoints.notReadyIPs == ["10.0.0.1"])
        #expect(address.targetRef?.name == "vm1")
        #expect(address.targetRef?.namespace == Fixture.namespace)
        #expect(address.targetRef?.uid == "uid-vm1")
        #expect(address.targetRef?.kind?.isEmpty == false)
        #expect(address.targetRef?.apiVersion?.isEmpty == false)
    }

    @Test func readyAndNotReadyVMsAndTheirDeletion() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        var notReady = Fixture.vm("vm1", ip4: "10.0.0.1", probe: true)
        var ready = Fixture.vm("vm2", ip4: "10.0.0.2", ready: "True", probe: true)
        try api.reconcile(vms: [notReady, ready])
        #expect(api.endpoint?.readyIPs == ["10.0.0.2"])
        #expect(api.endpoint?.notReadyIPs == ["10.0.0.1"])
        #expect(api.endpoint?.subsets?.first?.ports == [EndpointPort(name: "port1", port: 8080, protocol: "TCP")])
        notReady.isBeingDeleted = true
        try api.reconcile(vms: [notReady, ready])
        #expect(api.endpoint?.notReadyIPs == [])
        #expect(api.endpoint?.readyIPs == ["10.0.0.2"])
        ready.isBeingDeleted = true
        try api.reconcile(vms: [notReady, ready])
        #expect(api.endpoint?.subsets == nil)

        api.vmService.metadata.deletionTimestamp = Fixture.later
        try api.reconcile(vms: [])
        #expect((api.vmService.metadata.finalizers ?? []).isEmpty)
    }

    @Test func ipv4FamilyListsOnlyTheIPv4OfADualStackVM() throws {
        var api = FakeAPIServer(
            Fixture.vmService(type: "ClusterIP", version: .v1alpha6) { $0.ipFamilies = ["IPv4"] }, defaulting: true)
        try api.reconcile(v6, vms: [Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1")])
        #expect(api.endpoint?.readyIPs == ["10.0.0.1"])
    }

    @Test func ipv6OnlyVMInSingleStackIPv4ServiceGivesNoSubsets() throws {
        var api = FakeAPIServer(
            Fixture.vmService(version: .v1alpha6) {
                $0.ipFamilies = ["IPv4"]
                $0.ipFamilyPolicy = "SingleStack"
            }, defaulting: true)
        try api.reconcile(v6, vms: [Fixture.vm("v6", ip6: "fd00::2")])
        #expect(api.endpoint != nil)
        #expect(api.endpoint?.subsets == nil)
    }

    @Test func preferDualStackOnSingleStackClusterListsTheIPv4() throws {
        var api = FakeAPIServer(Fixture.vmService(version: .v1alpha6) { $0.ipFamilyPolicy = "PreferDualStack" }, defaulting: true)
        try api.reconcile(v6, vms: [Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1")])
        #expect(api.service?.spec?.ipFamilyPolicy == "PreferDualStack")
        #expect(api.endpoint?.readyIPs == ["10.0.0.1"])
    }

    @Test func requireDualStackRejectedByTheServerNeverCreatesAnything() throws {
        var api = FakeAPIServer(Fixture.vmService(version: .v1alpha6) { $0.ipFamilyPolicy = "RequireDualStack" }, defaulting: true)
        for _ in 0..<2 {
            let succeeded = try api.reconcile(v6, vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
            #expect(!succeeded)
        }
        #expect(api.service == nil)
        #expect(api.endpoint == nil)
        #expect(api.vmService.status?.conditions == nil)
        #expect(api.writes.first?.failureEventReason == "CreateK8sServiceFailed")
    }

    @Test func relevantChangeWalkThrough() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        var vm = Fixture.vm("vm1", ip4: "10.0.0.1", ready: "True", probe: true)
        func pass() throws -> (ready: [String], notReady: [String]) {
            try api.reconcile(vms: [vm])
            return (api.endpoint?.readyIPs ?? [], api.endpoint?.notReadyIPs ?? [])
        }
        #expect(try pass() == (["10.0.0.1"], []))
        vm.labels = ["other": "x"]
        #expect(try pass() == ([], []))
        vm.labels = Fixture.selector
        #expect(try pass() == (["10.0.0.1"], []))
        vm.primaryIP4 = "10.0.0.5"
        #expect(try pass() == (["10.0.0.5"], []))
        vm.readyStatus = "False"
        #expect(try pass() == ([], ["10.0.0.5"]))
        vm.hasReadinessProbe = false
        #expect(try pass() == (["10.0.0.5"], []))
        vm.hasReadinessProbe = true
        #expect(try pass() == ([], ["10.0.0.5"]))
        vm.readyStatus = "True"
        #expect(try pass() == (["10.0.0.5"], []))
        vm.isBeingDeleted = true
        #expect(try pass() == ([], []))
    }

    // MARK: - Two phases

    @Test func endpointsFollowTheServiceAsTheServerReturnedIt() throws {
        let vmService = Fixture.vmService()
        let plan = try Reconciler().plan(
            ReconcileInput(vmService: vmService, vms: [Fixture.vm("vm1", ip4: "10.0.0.1")], now: Fixture.now))
        let phase = try #require(plan.endpointsPhase)
        // As planned (no ipFamilies yet) nothing is listed; as stored (defaulted) the IPv4 is.
        let asPlanned = try phase.actions()
        var returned = phase.expectedService
        returned.spec?.ipFamilies = ["IPv4"]
        let asStored = try phase.actions(service: returned)
        guard case .createEndpoints(let planned)? = asPlanned.first, case .createEndpoints(let stored)? = asStored.first else {
            Issue.record("expected Endpoints creates, got \(asPlanned) and \(asStored)")
            return
        }
        #expect(planned.subsets == nil)
        #expect(stored.readyIPs == ["10.0.0.1"])
    }

    @Test func failedServiceWriteSkipsEndpointsAndStatus() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        api.failing = ["Service"]
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.endpoint == nil)
        #expect(api.vmService.status == nil)
    }

    @Test func failedEndpointsWriteSkipsStatus() throws {
        var api = FakeAPIServer(Fixture.vmService(version: .v1alpha6), defaulting: true)
        api.failing = ["Endpoints"]
        let succeeded = try api.reconcile(v6, vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(!succeeded)
        #expect(api.service != nil)
        #expect(api.vmService.status == nil)
    }

    @Test func writeFailuresNameTheirWarningReasons() {
        let service = Service(metadata: ObjectMeta())
        let endpoints = Endpoints(metadata: ObjectMeta())
        #expect(ReconcileAction.createService(service).failureEventReason == "CreateK8sServiceFailed")
        #expect(ReconcileAction.patchService(patch: [:], expected: service).failureEventReason == "UpdateK8sServiceFailed")
        #expect(ReconcileAction.createEndpoints(endpoints).failureEventReason == "UpdateEndpointsFailed")
        #expect(ReconcileAction.patchEndpoints(patch: [:], expected: endpoints).failureEventReason == "UpdateEndpointsFailed")
        #expect(ReconcileAction.event(.success(EventReason.createServiceSuccess)).failureEventReason == nil)
    }

    @Test func successEventFollowsItsWrite() throws {
        let plan = try Reconciler().plan(ReconcileInput(vmService: Fixture.vmService(), now: Fixture.now))
        guard plan.serviceActions.count == 2, case .createService = plan.serviceActions[0] else {
            Issue.record("unexpected plan \(plan.serviceActions)")
            return
        }
        #expect(plan.serviceActions[1] == .event(.success(EventReason.createServiceSuccess)))
    }
}
