import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §14 lines 21–27 and §6: the status.
@Suite struct DesiredStatusTests {
    let v6 = ReconcileOptions(version: .v1alpha6)

    private func status(
        serviceConditions: [Condition]? = nil, ingress: [LoadBalancerIngress]? = nil, type: String = "LoadBalancer",
        previous: VirtualMachineServiceStatus? = nil, options: ReconcileOptions? = nil, now: Time = Fixture.now
    ) -> VirtualMachineServiceStatus {
        var vmService = Fixture.vmService(type: type, version: .v1alpha6)
        vmService.status = previous
        var service = Fixture.storedService(for: vmService)
        service.status = ServiceStatus(loadBalancer: LoadBalancerStatus(ingress: ingress), conditions: serviceConditions)
        return desiredStatus(for: vmService, service: service, options: options ?? v6, now: now)
    }

    private func serviceReady(_ status: VirtualMachineServiceStatus) -> Condition? {
        status.conditions?.first(ofType: "VirtualMachineServiceServiceReady")
    }

    @Test func serviceWithoutIngressGivesNoIngress() {
        #expect(status().loadBalancer?.ingress == nil)
    }

    @Test func ingressIsCopiedInOrderWithIPAndHostnameOnly() {
        let ingress = [
            LoadBalancerIngress(ip: "1.1.1.1", ipMode: "VIP"), LoadBalancerIngress(hostname: "lb.example.com"),
        ]
        #expect(
            status(ingress: ingress).loadBalancer?.ingress == [
                VirtualMachineServiceLoadBalancerIngress(ip: "1.1.1.1"),
                VirtualMachineServiceLoadBalancerIngress(hostname: "lb.example.com"),
            ])
    }

    @Test func ingressIsClearedForOtherTypes() {
        let previous = VirtualMachineServiceStatus(
            loadBalancer: .init(ingress: [VirtualMachineServiceLoadBalancerIngress(ip: "1.1.1.1")]))
        let result = status(ingress: [LoadBalancerIngress(ip: "1.1.1.1")], type: "ClusterIP", previous: previous)
        #expect(result.loadBalancer == nil)
    }

    @Test func serviceWithoutReadyConditionGivesUnknownNotPresent() {
        let condition = serviceReady(status())
        #expect(condition?.status == "Unknown")
        #expect(condition?.reason == "ServiceReadyNotPresent")
        #expect(condition?.message == "Underlying Service does not have Ready condition")
        #expect(condition?.lastTransitionTime == Fixture.now)
    }

    @Test func serviceReadyTrueGivesTrue() {
        let condition = serviceReady(status(serviceConditions: [Condition(type: "Ready", status: "True")]))
        #expect(condition?.status == "True")
        #expect(condition?.reason == "True")
    }

    @Test func serviceReadyFalseCarriesReasonAndMessage() {
        let ready = Condition(type: "Ready", status: "False", reason: "LoadBalancerError", message: "Failed to provision load balancer")
        let condition = serviceReady(status(serviceConditions: [ready]))
        #expect(condition?.status == "False")
        #expect(condition?.reason == "LoadBalancerError")
        #expect(condition?.message == "Failed to provision load balancer")
    }

    @Test func serviceReadyUnknownCarriesReasonAndMessage() {
        let ready = Condition(type: "Ready", status: "Unknown", reason: "LoadBalancerPending", message: "waiting")
        let condition = serviceReady(status(serviceConditions: [ready]))
        #expect(condition?.status == "Unknown")
        #expect(condition?.reason == "LoadBalancerPending")
        #expect(condition?.message == "waiting")
    }

    @Test func serviceReadyFalseWithoutReasonUsesDefaults() {
        let condition = serviceReady(status(serviceConditions: [Condition(type: "Ready", status: "False", reason: "", message: "")]))
        #expect(condition?.reason == "ServiceNotReady")
        #expect(condition?.message == "Underlying Service is not ready")
    }

    @Test func serviceReadyEmptyStatusUsesUnknownDefaults() {
        let condition = serviceReady(status(serviceConditions: [Condition(type: "Ready", status: "")]))
        #expect(condition?.status == "Unknown")
        #expect(condition?.reason == "ServiceReadinessUnknown")
        #expect(condition?.message == "Underlying Service readiness is unknown")
    }

    @Test func unrecognisedServiceReadyStatusLeavesTheConditionAsItWas() {
        let previous = VirtualMachineServiceStatus(conditions: [
            Condition(type: "VirtualMachineServiceServiceReady", status: "True", reason: "True", message: "", lastTransitionTime: Fixture.now)
        ])
        let result = status(serviceConditions: [Condition(type: "Ready", status: "Maybe")], previous: previous, now: Fixture.later)
        #expect(result.conditions == previous.conditions)
    }

    @Test func transitionTimeMovesOnlyWhenTheConditionChanges() {
        let first = status(now: Fixture.now)
        let same = status(previous: first, now: Fixture.later)
        #expect(serviceReady(same)?.lastTransitionTime == Fixture.now)
        let changed = status(serviceConditions: [Condition(type: "Ready", status: "True")], previous: first, now: Fixture.later)
        #expect(serviceReady(changed)?.lastTransitionTime == Fixture.later)
    }

    @Test func conditionsAreSortedReadyFirstThenByType() {
        let previous = VirtualMachineServiceStatus(conditions: [
            Condition(type: "Zeta", status: "True"), Condition(type: "Alpha", status: "True"), Condition(type: "Ready", status: "True"),
        ])
        #expect(status(previous: previous).conditions?.map(\.type) == ["Ready", "Alpha", "VirtualMachineServiceServiceReady", "Zeta"])
    }

    @Test func v1alpha3HasNoConditions() {
        #expect(status(options: ReconcileOptions()).conditions == nil)
    }

    @Test func unchangedStatusIsNotWrittenAgain() throws {
        var api = FakeAPIServer(Fixture.vmService(version: .v1alpha6))
        let reconciler = Reconciler(options: v6)
        try api.reconcile(reconciler, now: Fixture.now)
        let writes = api.writes.count
        try api.reconcile(reconciler, now: Fixture.later)
        #expect(api.writes.count == writes)
        #expect(serviceReady(api.vmService.status ?? .init())?.lastTransitionTime == Fixture.now)
    }

    @Test func loadBalancerAddressReachesTheVMServiceOnTheNextPass() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile()
        api.services[Fixture.name]?.status = ServiceStatus(loadBalancer: LoadBalancerStatus(ingress: [LoadBalancerIngress(ip: "192.0.2.10")]))
        try api.reconcile()
        #expect(api.vmService.status?.loadBalancer?.ingress == [VirtualMachineServiceLoadBalancerIngress(ip: "192.0.2.10")])
    }
}
