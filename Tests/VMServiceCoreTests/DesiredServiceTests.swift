import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §14 lines 3–20 and §16.4–§16.6: the Service.
@Suite struct DesiredServiceTests {
    let v6 = ReconcileOptions(version: .v1alpha6)

    private func created(_ vmService: VirtualMachineService, options: ReconcileOptions = ReconcileOptions()) -> Service? {
        desiredService(for: vmService, stored: nil, provider: NoOpLoadBalancerProvider(), options: options).written
    }

    private func passes(_ api: inout FakeAPIServer, _ count: Int = 1) throws {
        for _ in 0..<count { try api.reconcile() }
    }

    @Test func firstPassCreatesServiceAndRecordsCreateEvent() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile()
        #expect(api.service != nil)
        #expect(api.events.map(\.reason) == ["CreateK8sServiceSuccess"])
        #expect(api.events.first?.message == "CreateK8sService success")
        #expect(api.events.first?.type == "Normal")
    }

    @Test func serviceHasExactlyOneControllerOwnerReference() {
        let service = created(Fixture.vmService())
        #expect(service?.metadata.ownerReferences == [Fixture.ownerReference()])
    }

    @Test func ownerReferenceNamesTheVersionInUse() {
        let service = created(Fixture.vmService(version: .v1alpha6), options: v6)
        #expect(service?.metadata.ownerReferences?.first?.apiVersion == "vmoperator.vmware.com/v1alpha6")
    }

    @Test func loadBalancerFieldsAreCopiedAndNodePortsNotAllocated() {
        let vmService = Fixture.vmService { spec in
            spec.externalName = "my-external-name"
            spec.clusterIP = "10.0.0.99"
            spec.loadBalancerIP = "1.1.1.1"
            spec.loadBalancerSourceRanges = ["1.1.1.0/24", "2.2.2.0/24"]
        }
        let spec = created(vmService)?.spec
        #expect(spec?.type == "LoadBalancer")
        #expect(spec?.externalName == "my-external-name")
        #expect(spec?.clusterIP == "10.0.0.99")
        #expect(spec?.loadBalancerIP == "1.1.1.1")
        #expect(spec?.loadBalancerSourceRanges == ["1.1.1.0/24", "2.2.2.0/24"])
        #expect(spec?.allocateLoadBalancerNodePorts == false)
        #expect(spec?.selector == nil)
    }

    @Test func clusterIPServiceLeavesNodePortAllocationUnset() {
        #expect(created(Fixture.vmService(type: "ClusterIP"))?.spec?.allocateLoadBalancerNodePorts == nil)
    }

    @Test func emptyTypeCreatesClusterIPService() {
        #expect(created(Fixture.vmService(type: nil))?.spec?.type == "ClusterIP")
        #expect(created(Fixture.vmService(type: ""))?.spec?.type == "ClusterIP")
    }

    @Test func v1alpha6CopiesBothIPFamilies() {
        let vmService = Fixture.vmService(version: .v1alpha6) { $0.ipFamilies = ["IPv4", "IPv6"] }
        #expect(created(vmService, options: v6)?.spec?.ipFamilies == ["IPv4", "IPv6"])
    }

    @Test func v1alpha6CopiesIPFamilyPolicy() {
        let vmService = Fixture.vmService(version: .v1alpha6) { $0.ipFamilyPolicy = "PreferDualStack" }
        #expect(created(vmService, options: v6)?.spec?.ipFamilyPolicy == "PreferDualStack")
    }

    @Test func v1alpha3NeverWritesIPFamilies() {
        let vmService = Fixture.vmService { $0.ipFamilies = ["IPv4", "IPv6"] }
        #expect(created(vmService)?.spec?.ipFamilies == nil)
    }

    @Test func v1alpha3NeverWritesIPFamilyPolicy() {
        let vmService = Fixture.vmService { $0.ipFamilyPolicy = "PreferDualStack" }
        #expect(created(vmService)?.spec?.ipFamilyPolicy == nil)
    }

    @Test func externalNameClearsIPFamiliesInV1alpha6() {
        let vmService = Fixture.vmService(type: "ExternalName", version: .v1alpha6) {
            $0.ipFamilies = ["IPv4"]
            $0.ipFamilyPolicy = "SingleStack"
            $0.externalName = "example.com"
        }
        var stored = Fixture.storedService(for: vmService, options: v6)
        stored.spec?.ipFamilyPolicy = "SingleStack"
        let desired = desiredService(for: vmService, stored: stored, provider: NoOpLoadBalancerProvider(), options: v6)
        #expect(desired.desired?.spec?.ipFamilies == nil)
        #expect(desired.desired?.spec?.ipFamilyPolicy == nil)
        #expect(desired.desired?.spec?.externalName == "example.com")
    }

    @Test func apiServerDefaultedIPFamiliesSurviveWhenUnset() {
        let vmService = Fixture.vmService(version: .v1alpha6)
        var stored = Fixture.storedService(for: vmService, options: v6)
        stored.spec?.ipFamilyPolicy = "SingleStack"
        let decision = desiredService(for: vmService, stored: stored, provider: NoOpLoadBalancerProvider(), options: v6)
        #expect(decision == .unchanged(stored))
    }

    @Test func portsFollowVMServiceOrderWithIntegerTargetPorts() {
        let vmService = Fixture.vmService(ports: [
            Fixture.port("port2", port: 443, targetPort: 8443), Fixture.port("port1", port: 80, targetPort: 8080, protocol: "UDP"),
        ])
        #expect(
            created(vmService)?.spec?.ports == [
                ServicePort(name: "port2", protocol: "TCP", port: 443, targetPort: .int(8443)),
                ServicePort(name: "port1", protocol: "UDP", port: 80, targetPort: .int(8080)),
            ])
    }

    @Test func labelsAndAnnotationsArePropagated() {
        let service = created(Fixture.vmService(labels: ["l": "1"], annotations: ["a": "1"]))
        #expect(service?.metadata.labels == ["l": "1"])
        #expect(service?.metadata.annotations?["a"] == "1")
    }

    @Test func serviceProxyLabelIsCopiedByNoOpProvider() {
        let service = created(Fixture.vmService(labels: ["service.kubernetes.io/service-proxy-name": "nsx-t"]))
        #expect(service?.metadata.labels?["service.kubernetes.io/service-proxy-name"] == "nsx-t")
    }

    @Test func trafficPolicyAnnotationLocalSetsLocalAndHealthCheckAnnotationIsCopied() {
        let service = created(
            Fixture.vmService(annotations: [
                VMServiceConstants.externalTrafficPolicyAnnotation: "Local",
                VMServiceConstants.healthCheckNodePortAnnotation: "99",
            ]))
        #expect(service?.spec?.externalTrafficPolicy == "Local")
        #expect(service?.metadata.annotations?[VMServiceConstants.healthCheckNodePortAnnotation] == "99")
        #expect(service?.spec?.healthCheckNodePort == nil)
    }

    @Test func loadBalancerDefaultsToClusterTrafficPolicyAndIgnoresOtherValues() {
        #expect(created(Fixture.vmService())?.spec?.externalTrafficPolicy == "Cluster")
        let odd = Fixture.vmService(annotations: [VMServiceConstants.externalTrafficPolicyAnnotation: "local"])
        #expect(created(odd)?.spec?.externalTrafficPolicy == "Cluster")
    }

    @Test func trafficPolicyIsNeverSetOnClusterIPServices() {
        let vmService = Fixture.vmService(
            type: "ClusterIP", annotations: [VMServiceConstants.externalTrafficPolicyAnnotation: "Local"])
        #expect(created(vmService)?.spec?.externalTrafficPolicy == nil)
    }

    @Test func secondPassWithNothingChangedWritesNothing() throws {
        var api = FakeAPIServer(Fixture.vmService(labels: ["l": "1"], annotations: ["a": "1"]))
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        let service = api.service
        let writes = api.writes.count
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.writes.count == writes)
        #expect(!api.events.map(\.reason).contains("UpdateK8sServiceSuccess"))
        #expect(api.service == service)
    }

    @Test func changedSpecFieldsPatchServiceAndRecordUpdateEvent() throws {
        var api = FakeAPIServer(Fixture.vmService { spec in
            spec.externalName = "old"
            spec.loadBalancerIP = "1.1.1.1"
            spec.loadBalancerSourceRanges = ["1.1.1.0/24", "2.2.2.0/24"]
        })
        try api.reconcile()
        api.vmService.spec.externalName = "new"
        api.vmService.spec.loadBalancerIP = "2.2.2.2"
        api.vmService.spec.loadBalancerSourceRanges = ["3.3.3.0/24"]
        try api.reconcile()
        #expect(api.events.last?.reason == "UpdateK8sServiceSuccess")
        #expect(api.events.last?.message == "UpdateK8sService success")
        #expect(api.service?.spec?.externalName == "new")
        #expect(api.service?.spec?.loadBalancerIP == "2.2.2.2")
        #expect(api.service?.spec?.loadBalancerSourceRanges == ["3.3.3.0/24"])
    }

    @Test func changedAndAddedMetadataKeysReplaceThePreviousValues() throws {
        var api = FakeAPIServer(Fixture.vmService(labels: ["l1": "a"], annotations: ["a1": "a"]))
        try api.reconcile()
        api.vmService.metadata.labels = ["l1": "b", "l2": "b"]
        api.vmService.metadata.annotations = ["a1": "b", "a2": "b"]
        try api.reconcile()
        #expect(api.service?.metadata.labels == ["l1": "b", "l2": "b"])
        #expect(userAnnotations(api.service) == ["a1": "b", "a2": "b"])
    }

    @Test func manuallyChangedPropagatedValueIsRestored() throws {
        var api = FakeAPIServer(Fixture.vmService(labels: ["l": "1"], annotations: ["a": "1"]))
        try api.reconcile()
        api.services[Fixture.name]?.metadata.labels?["l"] = "tampered"
        api.services[Fixture.name]?.metadata.annotations?["a"] = "tampered"
        try api.reconcile()
        #expect(api.service?.metadata.labels?["l"] == "1")
        #expect(api.service?.metadata.annotations?["a"] == "1")
        #expect(api.events.last?.reason == "UpdateK8sServiceSuccess")
    }

    @Test func metadataOthersSetOnTheServiceIsKeptWithoutWrite() throws {
        var api = FakeAPIServer(Fixture.vmService(labels: ["l": "1"]))
        try api.reconcile()
        api.services[Fixture.name]?.metadata.labels?["theirs"] = "x"
        api.services[Fixture.name]?.metadata.annotations?["theirs"] = "x"
        let writes = api.writes.count
        try api.reconcile()
        // The Endpoints mirror the Service's metadata (spec §5.9); the Service itself is not written.
        #expect(!api.writes[writes...].contains { if case .patchService = $0 { true } else { false } })
        #expect(!api.events.map(\.reason).contains("UpdateK8sServiceSuccess"))
        #expect(api.service?.metadata.labels?["theirs"] == "x")
        #expect(api.service?.metadata.annotations?["theirs"] == "x")
    }

    @Test func allocatedNodePortIsKeptWithoutWrite() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile()
        api.services[Fixture.name]?.spec?.ports?[0].nodePort = 10000
        let writes = api.writes.count
        try api.reconcile()
        #expect(api.writes.count == writes)
        #expect(api.service?.spec?.ports?.first?.nodePort == 10000)
    }

    @Test func nodePortFollowsThePortNameNotThePosition() throws {
        let vmService = Fixture.vmService(ports: [Fixture.port("a", port: 80), Fixture.port("b", port: 81)])
        var stored = Fixture.storedService(for: vmService)
        stored.spec?.ports?[1].nodePort = 30001
        var reordered = vmService
        reordered.spec.ports = [Fixture.port("b", port: 81), Fixture.port("a", port: 80)]
        let desired = desiredService(for: reordered, stored: stored, provider: NoOpLoadBalancerProvider(), options: .init())
        #expect(desired.desired?.spec?.ports?.map(\.nodePort) == [30001, nil])
    }

    @Test func clusterIPIsOnlySetAtCreate() {
        let vmService = Fixture.vmService { $0.clusterIP = "10.0.0.5" }
        var stored = Fixture.storedService(for: vmService)
        stored.spec?.clusterIP = "10.96.0.7"
        let decision = desiredService(for: vmService, stored: stored, provider: NoOpLoadBalancerProvider(), options: .init())
        #expect(decision == .unchanged(stored))
    }

    @Test func sameNameServiceWithoutControllerIsAConflictNotAdopted() throws {
        var api = FakeAPIServer(Fixture.vmService())
        api.services[Fixture.name] = Service(
            metadata: ObjectMeta(name: Fixture.name, namespace: Fixture.namespace, uid: "theirs"),
            spec: ServiceSpec(type: "ClusterIP", selector: ["app": "web"]))
        let before = api.service
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.service == before)
        #expect(api.endpoint == nil)
        #expect(api.events.map(\.reason) == ["ServiceConflict"])
        #expect(api.events.first?.type == "Warning")
        #expect(api.writes.allSatisfy { if case .patchVirtualMachineService = $0 { true } else { false } })
    }

    @Test func serviceControlledByAnotherOwnerIsAConflict() {
        let other = OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "x", uid: "other", controller: true)
        let stored = Service(metadata: ObjectMeta(name: Fixture.name, namespace: Fixture.namespace, ownerReferences: [other]))
        let decision = desiredService(
            for: Fixture.vmService(), stored: stored, provider: NoOpLoadBalancerProvider(), options: .init())
        #expect(decision == .conflict(stored: stored))
    }

    @Test func otherOwnerReferencesAreKept() throws {
        let vmService = Fixture.vmService()
        var stored = Fixture.storedService(for: vmService)
        let extra = OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "cm", uid: "cm-uid")
        stored.metadata.ownerReferences = [extra] + (stored.metadata.ownerReferences ?? [])
        let decision = desiredService(for: vmService, stored: stored, provider: NoOpLoadBalancerProvider(), options: .init())
        #expect(decision == .unchanged(stored))
    }

    @Test func bookkeepingAnnotationsAreNotPropagated() {
        let service = created(
            Fixture.vmService(annotations: [
                VMServiceConstants.conversionAnnotation: "{}", VMServiceConstants.lastAppliedAnnotation: "{}", "a": "1",
            ]))
        #expect(userAnnotations(service) == ["a": "1"])
    }

    @Test func keysRemovedFromVMServiceAreRemovedFromServiceAndEndpoints() throws {
        var api = FakeAPIServer(Fixture.vmService(labels: ["keep": "1", "drop": "1"], annotations: ["keep": "1", "drop": "1"]))
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        api.services[Fixture.name]?.metadata.labels?["theirs"] = "x"
        api.vmService.metadata.labels = ["keep": "1"]
        api.vmService.metadata.annotations = ["keep": "1"]
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.service?.metadata.labels == ["keep": "1", "theirs": "x"])
        #expect(userAnnotations(api.service) == ["keep": "1"])
        #expect(api.endpoint?.metadata.labels == ["keep": "1", "theirs": "x"])
        #expect(userAnnotations(api.endpoint?.metadata) == ["keep": "1"])
    }

    @Test func mirroredAnnotationsAreRemovedEvenWhenNotPropagatedByUs() {
        let vmService = Fixture.vmService()
        var stored = Fixture.storedService(for: vmService)
        stored.metadata.annotations = [VMServiceConstants.externalTrafficPolicyAnnotation: "Local", "theirs": "x"]
        let desired = desiredService(for: vmService, stored: stored, provider: NoOpLoadBalancerProvider(), options: .init())
        #expect(desired.desired?.metadata.annotations == ["theirs": "x"])
    }

    @Test func mergePatchCarriesOnlyTheDifference() throws {
        let vmService = Fixture.vmService()
        let stored = Fixture.storedService(for: vmService)
        var changed = vmService
        changed.spec.loadBalancerIP = "9.9.9.9"
        let decision = desiredService(for: changed, stored: stored, provider: NoOpLoadBalancerProvider(), options: .init())
        let patch = try decision.mergePatch()
        #expect(patch == ["spec": ["loadBalancerIP": "9.9.9.9"]])
    }
}

/// The annotations users set, without the controller's propagation bookkeeping.
func userAnnotations(_ service: Service?) -> [String: String] { userAnnotations(service?.metadata) }

func userAnnotations(_ meta: ObjectMeta?) -> [String: String] {
    (meta?.annotations ?? [:]).filter {
        $0.key != VMServiceConstants.propagatedLabelsAnnotation && $0.key != VMServiceConstants.propagatedAnnotationsAnnotation
    }
}

/// Objects that only the skip-validation annotation lets through (spec §15 item 15).
@Suite struct UnvalidatedServiceShapeTests {
    private func skipping(_ vmService: VirtualMachineService) -> VirtualMachineService {
        var vmService = vmService
        vmService.metadata.annotations = [VMServiceConstants.skipValidationAnnotation: "true"]
        return vmService
    }

    @Test func typeChangeDropsLoadBalancerOnlyFields() throws {
        var api = FakeAPIServer(skipping(Fixture.vmService()))
        try api.reconcile()
        api.vmService.spec.type = "ClusterIP"
        try api.reconcile()
        #expect(api.service?.spec?.type == "ClusterIP")
        #expect(api.service?.spec?.allocateLoadBalancerNodePorts == nil)
        #expect(api.service?.spec?.externalTrafficPolicy == nil)
    }

    @Test func nodePortKeepsTheDefaultedTrafficPolicySoItConverges() throws {
        var api = FakeAPIServer(skipping(Fixture.vmService(type: "NodePort")))
        try api.reconcile()
        #expect(api.service?.spec?.externalTrafficPolicy == "Cluster")
        let writes = api.writes.count
        try api.reconcile()
        #expect(api.writes.count == writes)
    }

    @Test func externalNameServiceHasEmptyEndpoints() throws {
        var api = FakeAPIServer(skipping(Fixture.vmService(type: "ExternalName") { $0.externalName = "example.com" }), defaulting: true)
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.service?.spec?.externalName == "example.com")
        #expect(api.endpoint != nil)
        #expect(api.endpoint?.subsets == nil)
    }

    @Test func ownerReferenceIsUpdatedInPlaceWhenTheVersionChanges() {
        let vmService = Fixture.vmService()
        let stored = Fixture.storedService(for: vmService)
        let decision = desiredService(
            for: vmService, stored: stored, provider: NoOpLoadBalancerProvider(), options: ReconcileOptions(version: .v1alpha6))
        #expect(decision.written?.metadata.ownerReferences == [Fixture.ownerReference(version: .v1alpha6)])
    }
}
