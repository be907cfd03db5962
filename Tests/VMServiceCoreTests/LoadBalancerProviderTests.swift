import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §14 lines 60–66 (providers) and 55–59 (the controller with the NSX-T provider).
@Suite struct LoadBalancerProviderTests {
    let nsxt = NSXTLoadBalancerProvider()
    let etp = VMServiceConstants.externalTrafficPolicyAnnotation
    let hcnp = VMServiceConstants.healthCheckNodePortAnnotation
    let proxyLabel = "service.kubernetes.io/service-proxy-name"

    private func vmService(annotations: [String: String]) -> VirtualMachineService {
        Fixture.vmService(annotations: annotations)
    }

    @Test func providerIsChosenByName() {
        #expect(loadBalancerProvider(named: "nsx-t-lb") is NSXTLoadBalancerProvider)
        #expect(loadBalancerProvider(named: "") is NoOpLoadBalancerProvider)
        #expect(loadBalancerProvider(named: "something-else") is NoOpLoadBalancerProvider)
    }

    @Test func noOpProviderSucceedsAndChangesNothing() throws {
        let provider = NoOpLoadBalancerProvider()
        let vmService = vmService(annotations: [etp: "Local", hcnp: "30012"])
        try provider.ensureLoadBalancer(for: vmService)
        #expect(provider.serviceLabels(for: vmService).isEmpty)
        #expect(provider.serviceAnnotations(for: vmService).isEmpty)
        #expect(provider.labelsToRemove(for: vmService).isEmpty)
        #expect(provider.annotationsToRemove(for: vmService).isEmpty)
    }

    @Test func nsxtTranslatesHealthCheckNodePort() {
        #expect(nsxt.serviceAnnotations(for: vmService(annotations: [hcnp: "30012"])) == ["ncp/healthCheckNodePort": "30012"])
    }

    @Test func nsxtRemovesNCPHealthCheckWithoutTheAnnotation() {
        #expect(nsxt.annotationsToRemove(for: vmService(annotations: [:])).contains("ncp/healthCheckNodePort"))
        #expect(!nsxt.annotationsToRemove(for: vmService(annotations: [hcnp: "1"])).contains("ncp/healthCheckNodePort"))
    }

    @Test func nsxtRemovesHostnameOnlyWhenAbsent() {
        #expect(nsxt.annotationsToRemove(for: vmService(annotations: [:])).contains("nsx.vmware.com/hostname"))
        let withHostname = vmService(annotations: ["nsx.vmware.com/hostname": "a.example.com"])
        #expect(!nsxt.annotationsToRemove(for: withHostname).contains("nsx.vmware.com/hostname"))
    }

    @Test func nsxtAddsProxyLabelOnlyForLocalTraffic() {
        #expect(nsxt.serviceLabels(for: vmService(annotations: [etp: "Cluster"])).isEmpty)
        #expect(nsxt.serviceLabels(for: vmService(annotations: [etp: "Local"])) == [proxyLabel: "nsx-t"])
    }

    @Test func nsxtRemovesProxyLabelUnlessLocalTraffic() {
        #expect(nsxt.labelsToRemove(for: vmService(annotations: [:])).contains(proxyLabel))
        #expect(!nsxt.labelsToRemove(for: vmService(annotations: [etp: "Local"])).contains(proxyLabel))
        #expect(nsxt.labelsToRemove(for: vmService(annotations: [etp: "Cluster"])).contains(proxyLabel))
    }

    // MARK: - The controller with NSX-T

    private let reconciler = Reconciler(provider: NSXTLoadBalancerProvider())

    @Test func nsxtUpdateCarriesValuesTrafficPolicyAndProxyLabel() throws {
        var api = FakeAPIServer(Fixture.vmService { $0.externalName = "old" })
        try api.reconcile(reconciler)
        api.vmService.spec.externalName = "new"
        api.vmService.spec.loadBalancerIP = "5.5.5.5"
        api.vmService.spec.loadBalancerSourceRanges = ["2.2.2.0/24", "1.1.1.0/24"]
        api.vmService.metadata.annotations = [etp: "Local", hcnp: "30012"]
        try api.reconcile(reconciler)
        let service = try #require(api.service)
        #expect(service.spec?.externalName == "new")
        #expect(service.spec?.loadBalancerIP == "5.5.5.5")
        #expect(service.spec?.loadBalancerSourceRanges == ["2.2.2.0/24", "1.1.1.0/24"])
        #expect(service.spec?.externalTrafficPolicy == "Local")
        #expect(service.metadata.labels?[proxyLabel] == "nsx-t")
        #expect(service.metadata.annotations?["ncp/healthCheckNodePort"] == "30012")
        #expect(api.vmService.metadata.labels?[proxyLabel] == "nsx-t")
        #expect(api.events.last?.reason == "UpdateK8sServiceSuccess")
    }

    @Test func emptySourceRangesClearTheService() throws {
        var api = FakeAPIServer(Fixture.vmService { $0.loadBalancerSourceRanges = ["1.1.1.0/24"] })
        try api.reconcile(reconciler)
        api.vmService.spec.loadBalancerSourceRanges = []
        try api.reconcile(reconciler)
        #expect((api.service?.spec?.loadBalancerSourceRanges ?? []).isEmpty)
    }

    @Test func trafficPolicyMetadataIsRemovedWhenTheVMServiceDropsIt() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile(reconciler)
        api.services[Fixture.name]?.metadata.annotations = [etp: "Local", hcnp: "30012"]
        api.services[Fixture.name]?.metadata.labels = [proxyLabel: "nsx-t"]
        api.services[Fixture.name]?.spec?.externalTrafficPolicy = "Local"
        try api.reconcile(reconciler)
        let service = try #require(api.service)
        #expect(service.spec?.externalTrafficPolicy == "Cluster")
        #expect(service.metadata.annotations?[etp] == nil)
        #expect(service.metadata.annotations?[hcnp] == nil)
        #expect(service.metadata.labels?[proxyLabel] == nil)
    }

    @Test func ncpHealthCheckFollowsTheAnnotation() throws {
        var api = FakeAPIServer(Fixture.vmService(annotations: [hcnp: "30012"]))
        try api.reconcile(reconciler)
        #expect(api.service?.metadata.annotations?["ncp/healthCheckNodePort"] == "30012")
        api.vmService.metadata.annotations?[hcnp] = nil
        try api.reconcile(reconciler)
        #expect(api.service?.metadata.annotations?["ncp/healthCheckNodePort"] == nil)
        #expect(api.service?.metadata.annotations?[hcnp] == nil)
    }

    @Test func nsxHostnameFollowsTheAnnotation() throws {
        var api = FakeAPIServer(Fixture.vmService(annotations: ["nsx.vmware.com/hostname": "a.example.com"]))
        try api.reconcile(reconciler)
        #expect(api.service?.metadata.annotations?["nsx.vmware.com/hostname"] == "a.example.com")
        api.vmService.metadata.annotations = [:]
        try api.reconcile(reconciler)
        #expect(api.service?.metadata.annotations?["nsx.vmware.com/hostname"] == nil)
    }

    @Test func providerErrorFailsThePassButKeepsTheFinalizer() throws {
        struct Broken: LoadBalancerProvider {
            struct Failure: Error {}
            var name: String { "broken" }
            func ensureLoadBalancer(for vmService: VirtualMachineService) throws { throw Failure() }
            func serviceAnnotations(for vmService: VirtualMachineService) -> [String: String] { [:] }
            func serviceLabels(for vmService: VirtualMachineService) -> [String: String] { [:] }
            func annotationsToRemove(for vmService: VirtualMachineService) -> Set<String> { [] }
            func labelsToRemove(for vmService: VirtualMachineService) -> Set<String> { [] }
        }
        var api = FakeAPIServer(Fixture.vmService(finalizers: nil))
        let succeeded = try api.reconcile(Reconciler(provider: Broken()))
        #expect(!succeeded)
        #expect(api.service == nil)
        #expect(api.vmService.metadata.finalizers == [VMServiceConstants.finalizer])
    }
}
