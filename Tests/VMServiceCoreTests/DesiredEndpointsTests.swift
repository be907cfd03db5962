import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §14 lines 28–52 and §16.7, §16.9–§16.11: the Endpoints.
@Suite struct DesiredEndpointsTests {
    private func endpointsResult(
        _ vms: [VMProjection], families: [String]? = ["IPv4"], ports: [VirtualMachineServicePort] = [Fixture.port()],
        stored: Endpoints? = nil
    ) -> EndpointsResult? {
        let vmService = Fixture.vmService(ports: ports)
        let service = Fixture.storedService(for: vmService, families: families)
        return desiredEndpoints(for: vmService, service: service, vms: vms, stored: stored, options: ReconcileOptions())
    }

    private func endpoints(
        _ vms: [VMProjection], families: [String]? = ["IPv4"], ports: [VirtualMachineServicePort] = [Fixture.port()],
        stored: Endpoints? = nil
    ) -> Endpoints? {
        endpointsResult(vms, families: families, ports: ports, stored: stored)?.desired
    }

    private let dualStack = ["IPv4", "IPv6"]
    private var mixedVMs: [VMProjection] {
        [
            Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1"), Fixture.vm("v4", ip4: "10.0.0.2"),
            Fixture.vm("v6", ip6: "fd00::2"),
        ]
    }

    @Test func endpointsHaveExactlyOneControllerOwnerReference() {
        #expect(endpoints([])?.metadata.ownerReferences == [Fixture.ownerReference()])
    }

    @Test func endpointsCarryTheServiceLabelsAndAnnotations() throws {
        var api = FakeAPIServer(Fixture.vmService(labels: ["l": "1"], annotations: ["a": "1"]))
        try api.reconcile()
        #expect(api.endpoint?.metadata.labels == ["l": "1"])
        #expect(api.endpoint?.metadata.annotations?["a"] == "1")
        #expect(api.endpoint?.metadata.annotations == api.service?.metadata.annotations)
    }

    @Test func endpointsOnlyKeysAreReplacedByTheServiceMetadata() {
        let vmService = Fixture.vmService(labels: ["l": "1"])
        let service = Fixture.storedService(for: vmService)
        var stored = endpoints([])
        stored?.metadata.labels = ["stray": "x"]
        let desired = desiredEndpoints(for: vmService, service: service, vms: [], stored: stored, options: .init())
        #expect(desired?.desired?.metadata.labels == ["l": "1"])
    }

    @Test func selectorMatchingNoVMGivesEndpointsWithoutSubsets() throws {
        var api = FakeAPIServer(Fixture.vmService())
        try api.reconcile(vms: [Fixture.vm("other", ip4: "10.0.0.1", labels: ["foo": "baz"])])
        #expect(api.endpoint != nil)
        #expect(api.endpoint?.subsets == nil)
    }

    @Test func oneMatchingVMGivesOneSubsetWithOneReadyAddress() throws {
        let eps = try #require(endpoints([Fixture.vm("vm1", ip4: "10.0.0.1"), Fixture.vm("vm2", ip4: "10.0.0.2", labels: [:])]))
        let subset = try #require(eps.subsets?.first)
        #expect(eps.subsets?.count == 1)
        #expect(subset.ports == [EndpointPort(name: "port1", port: 8080, protocol: "TCP")])
        #expect(subset.addresses?.map(\.ip) == ["10.0.0.1"])
        #expect(subset.addresses?.first?.targetRef?.name == "vm1")
        #expect(subset.addresses?.first?.targetRef?.namespace == Fixture.namespace)
        #expect(subset.addresses?.first?.targetRef?.uid == "uid-vm1")
        #expect(subset.addresses?.first?.targetRef?.kind == "VirtualMachine")
        #expect(subset.addresses?.first?.targetRef?.apiVersion == "vmoperator.vmware.com/v1alpha3")
        #expect(subset.addresses?.first?.targetRef?.resourceVersion == nil)
        #expect(subset.notReadyAddresses == nil)
    }

    @Test func vmWithoutIPContributesNothing() {
        #expect(endpoints([Fixture.vm("vm1")])?.subsets == nil)
    }

    @Test func serviceGainingIPFamiliesListsTheVMOnTheNextPass() throws {
        var api = FakeAPIServer(Fixture.vmService())
        let vms = [Fixture.vm("vm1", ip4: "10.0.0.1")]
        try api.reconcile(vms: vms)
        #expect(api.endpoint?.subsets == nil)
        api.services[Fixture.name]?.spec?.ipFamilies = ["IPv4"]
        try api.reconcile(vms: vms)
        #expect(api.endpoint?.readyIPs == ["10.0.0.1"])
    }

    @Test func twoVMsGiveOneSubsetWithAddressesInIPOrder() {
        let eps = endpoints([Fixture.vm("b", ip4: "2.2.2.2"), Fixture.vm("a", ip4: "1.1.1.1")])
        #expect(eps?.subsets?.count == 1)
        #expect(eps?.readyIPs == ["1.1.1.1", "2.2.2.2"])
    }

    @Test func twoPortsAndTwoVMsStayInOneSubset() {
        let ports = [Fixture.port("port1", port: 80, targetPort: 8080), Fixture.port("port2", port: 443, targetPort: 8443)]
        let eps = endpoints([Fixture.vm("a", ip4: "1.1.1.1"), Fixture.vm("b", ip4: "2.2.2.2")], ports: ports)
        #expect(eps?.subsets?.count == 1)
        #expect(eps?.subsets?.first?.ports?.map(\.name) == ["port1", "port2"])
        #expect(eps?.subsets?.first?.ports?.map(\.port) == [8080, 8443])
        #expect(eps?.readyIPs == ["1.1.1.1", "2.2.2.2"])
    }

    private func probedVMs(firstReady: String?) -> [VMProjection] {
        [
            Fixture.vm("vm1", ip4: "10.0.0.1", ready: firstReady, probe: true),
            Fixture.vm("vm2", ip4: "10.0.0.2", probe: true),
            Fixture.vm("vm3", ip4: "10.0.0.3", labels: [:], probe: true),
        ]
    }

    @Test func probeWithoutConditionAndNoStoredEndpointsIsNotReady() {
        let eps = endpoints(probedVMs(firstReady: nil))
        #expect(eps?.readyIPs == [])
        #expect(eps?.notReadyIPs == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func probeWithReadyFalseIsNotReady() {
        #expect(endpoints(probedVMs(firstReady: "False"))?.notReadyIPs == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func probeWithReadyUnknownIsNotReady() {
        #expect(endpoints(probedVMs(firstReady: "Unknown"))?.notReadyIPs == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func probeWithReadyTrueIsReady() {
        let eps = endpoints(probedVMs(firstReady: "True"))
        #expect(eps?.readyIPs == ["10.0.0.1"])
        #expect(eps?.notReadyIPs == ["10.0.0.2"])
    }

    @Test func noProbeIsReadyWhateverTheCondition() {
        #expect(endpoints([Fixture.vm("vm1", ip4: "10.0.0.1", ready: "False")])?.readyIPs == ["10.0.0.1"])
    }

    @Test func ipv4ServiceListsOnlyIPv4Addresses() {
        let eps = endpoints(mixedVMs)
        #expect(eps?.readyIPs == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func ipv4ServiceFiltersNotReadyAddressesToo() {
        let vms = mixedVMs.map { vm in
            var vm = vm
            vm.hasReadinessProbe = true
            return vm
        }
        #expect(endpoints(vms)?.notReadyIPs == ["10.0.0.1", "10.0.0.2"])
    }

    @Test func ipv6ServiceListsOnlyIPv6Addresses() {
        #expect(endpoints(mixedVMs, families: ["IPv6"])?.readyIPs == ["fd00::1", "fd00::2"])
    }

    @Test func dualStackServiceListsAllFourAddresses() {
        #expect(endpoints(mixedVMs, families: dualStack)?.readyIPs == ["10.0.0.1", "10.0.0.2", "fd00::1", "fd00::2"])
    }

    @Test(arguments: [
        ("SingleStack", ["IPv4"], ["10.0.0.1", "10.0.0.2"]),
        ("PreferDualStack", ["IPv4", "IPv6"], ["10.0.0.1", "10.0.0.2", "fd00::1", "fd00::2"]),
        ("RequireDualStack", ["IPv4", "IPv6"], ["10.0.0.1", "10.0.0.2", "fd00::1", "fd00::2"]),
    ])
    func readyAddressesFollowTheStoredFamiliesWhateverThePolicy(policy: String, families: [String], expected: [String]) {
        let vmService = Fixture.vmService()
        var service = Fixture.storedService(for: vmService, families: families)
        service.spec?.ipFamilyPolicy = policy
        let eps = desiredEndpoints(for: vmService, service: service, vms: mixedVMs, stored: nil, options: .init())
        #expect(eps?.desired?.readyIPs == expected)
    }

    @Test func vmCreatedAfterTheServiceIsListedOnTheNextPass() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        try api.reconcile()
        #expect(api.endpoint?.subsets == nil)
        try api.reconcile(vms: [Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1")])
        #expect(api.endpoint?.readyIPs == ["10.0.0.1"])
    }

    @Test func probeWithoutConditionKeepsPreviousReadiness() {
        let before = endpoints([
            Fixture.vm("vm1", ip4: "10.0.0.1", ready: "True", probe: true), Fixture.vm("vm2", ip4: "10.0.0.2", probe: true),
        ])
        let after = endpoints(
            [Fixture.vm("vm1", ip4: "10.0.0.1", probe: true), Fixture.vm("vm2", ip4: "10.0.0.2", probe: true)], stored: before)
        #expect(after?.readyIPs == ["10.0.0.1"])
        #expect(after?.notReadyIPs == ["10.0.0.2"])
    }

    @Test func ipv6OnlyVMInIPv6Service() {
        let eps = endpoints([Fixture.vm("v6", ip6: "fd00::2")], families: ["IPv6"])
        #expect(eps?.subsets?.count == 1)
        #expect(eps?.readyIPs == ["fd00::2"])
        #expect(eps?.subsets?.first?.ports?.map(\.port) == [8080])
    }

    @Test func dualStackVMGivesTwoAddressesWithTheSameTarget() {
        let eps = endpoints([Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1")], families: dualStack)
        #expect(eps?.subsets?.count == 1)
        #expect(eps?.subsets?.first?.addresses?.map(\.targetRef?.name) == ["dual", "dual"])
        #expect(eps?.readyIPs == ["10.0.0.1", "fd00::1"])
    }

    @Test func selectorlessVMServiceHasNoEndpoints() throws {
        var api = FakeAPIServer(Fixture.vmService(selector: nil))
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.service != nil)
        #expect(api.endpoint == nil)
        #expect(desiredEndpoints(for: api.vmService, service: api.service!, vms: [], stored: nil, options: .init()) == nil)
    }

    @Test func removingTheSelectorLeavesTheEndpointsAsTheyWere() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        let vms = [Fixture.vm("vm1", ip4: "10.0.0.1")]
        try api.reconcile(vms: vms)
        let before = api.endpoint
        api.vmService.spec.selector = [:]
        try api.reconcile(vms: vms)
        #expect(api.endpoint == before)
        #expect(api.endpoint?.readyIPs == ["10.0.0.1"])
    }

    @Test func defaultedSingleStackServiceListsTheIPv4() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1", ip6: "fd00::1")])
        #expect(api.endpoint?.subsets?.count == 1)
        #expect(api.endpoint?.readyIPs == ["10.0.0.1"])
    }

    @Test func vmBeingDeletedIsNeverAnEndpoint() {
        #expect(endpoints([Fixture.vm("vm1", ip4: "10.0.0.1", deleting: true)])?.subsets == nil)
    }

    @Test func vmsOfOtherNamespacesAreIgnored() {
        #expect(endpoints([Fixture.vm("vm1", ip4: "10.0.0.1", namespace: "elsewhere")])?.subsets == nil)
    }

    @Test func sameAddressSeenReadyAndNotReadyEndsUpNotReady() {
        let eps = endpoints([
            Fixture.vm("vm1", ip4: "10.0.0.1"), Fixture.vm("vm1", ip4: "10.0.0.1", ready: "False", probe: true),
        ])
        #expect(eps?.readyIPs == [])
        #expect(eps?.notReadyIPs == ["10.0.0.1"])
    }

    // MARK: - §16.7 address checks

    @Test(arguments: [
        ("not-an-ip", "not a valid IP address"), ("0.0.0.0", "unspecified address"), ("127.0.0.1", "loopback address"),
        ("169.254.1.1", "link-local address"), ("224.0.0.5", "link-local address"), ("239.1.1.1", "multicast address"),
        ("fd00::1", "not an IPv4 address"), ("010.0.0.1", "not a valid IP address"),
    ])
    func badIPv4AddressIsLeftOutAndReported(ip: String, problem: String) throws {
        let result = try #require(endpointsResult([Fixture.vm("bad", ip4: ip), Fixture.vm("good", ip4: "10.0.0.1")]))
        #expect(result.desired?.readyIPs == ["10.0.0.1"])
        #expect(result.droppedAddresses == [DroppedAddress(vmName: "bad", ip: ip, problem: problem)])
        #expect(result.droppedAddresses.first?.message.contains("VirtualMachine bad") == true)
    }

    @Test(arguments: [
        ("::", "unspecified address"), ("::1", "loopback address"), ("fe80::1", "link-local address"),
        ("ff02::1", "link-local address"), ("ff05::1", "multicast address"), ("10.0.0.9", "not an IPv6 address"),
        ("::ffff:10.0.0.9", "not an IPv6 address"),
    ])
    func badIPv6AddressIsLeftOutAndReported(ip: String, problem: String) throws {
        let result = try #require(endpointsResult([Fixture.vm("bad", ip6: ip)], families: ["IPv6"]))
        #expect(result.desired?.subsets == nil)
        #expect(result.droppedAddresses == [DroppedAddress(vmName: "bad", ip: ip, problem: problem)])
    }

    @Test func addressOfAFamilyTheServiceLacksIsDroppedSilently() {
        #expect(endpointsResult([Fixture.vm("v6", ip6: "::1")])?.droppedAddresses == [])
    }

    @Test func droppedAddressBecomesAWarningEvent() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        try api.reconcile(vms: [Fixture.vm("bad", ip4: "127.0.0.1"), Fixture.vm("good", ip4: "10.0.0.1")])
        let warning = try #require(api.events.first { $0.reason == "InvalidEndpointAddress" })
        #expect(warning.type == "Warning")
        #expect(warning.message.contains("bad"))
        #expect(api.endpoint?.readyIPs == ["10.0.0.1"])
    }

    // MARK: - §16.9 ordering, §16.11 capacity

    @Test func addressesAreOrderedByIPTextBytewiseThenUID() {
        let eps = endpoints([
            Fixture.vm("nine", ip4: "10.0.0.9"), Fixture.vm("seventeen", ip4: "10.0.0.17"), Fixture.vm("b", ip4: "10.0.0.1"),
            Fixture.vm("a", ip4: "10.0.0.1"),
        ])
        #expect(eps?.readyIPs == ["10.0.0.1", "10.0.0.1", "10.0.0.17", "10.0.0.9"])
        #expect(eps?.subsets?.first?.addresses?.prefix(2).map(\.targetRef?.uid) == ["uid-a", "uid-b"])
    }

    @Test func portsFollowTheServiceOrderNotTheName() {
        let ports = [Fixture.port("zeta", port: 81), Fixture.port("alpha", port: 80)]
        #expect(endpoints([Fixture.vm("a", ip4: "1.1.1.1")], ports: ports)?.subsets?.first?.ports?.map(\.name) == ["zeta", "alpha"])
    }

    private func manyVMs(ready: Int, notReady: Int) -> [VMProjection] {
        (0..<ready).map { Fixture.vm("r\($0)", ip4: "10.1.\($0 / 256).\($0 % 256)") }
            + (0..<notReady).map { Fixture.vm("n\($0)", ip4: "10.2.\($0 / 256).\($0 % 256)", ready: "False", probe: true) }
    }

    @Test func overOneThousandAddressesAreTruncatedReadyFirst() throws {
        let result = try #require(endpointsResult(manyVMs(ready: 990, notReady: 20)))
        let eps = try #require(result.desired)
        #expect(result.isTruncated)
        #expect(eps.readyIPs.count == 990)
        #expect(eps.notReadyIPs.count == 10)
        #expect(eps.metadata.annotations?["endpoints.kubernetes.io/over-capacity"] == "truncated")
    }

    @Test func readyAddressesAloneBeyondCapacityCrowdOutNotReady() throws {
        let eps = try #require(endpoints(manyVMs(ready: 1001, notReady: 5)))
        #expect(eps.readyIPs.count == 1000)
        #expect(eps.notReadyIPs.isEmpty)
    }

    @Test func exactlyOneThousandAddressesAreNotTruncated() throws {
        let result = try #require(endpointsResult(manyVMs(ready: 1000, notReady: 0)))
        #expect(!result.isTruncated)
        #expect(result.desired?.metadata.annotations?["endpoints.kubernetes.io/over-capacity"] == nil)
    }

    @Test func overCapacityAnnotationGoesAwayBelowTheLimit() throws {
        let truncated = try #require(endpoints(manyVMs(ready: 1001, notReady: 0)))
        let result = try #require(endpointsResult(manyVMs(ready: 10, notReady: 0), stored: truncated))
        guard case .patch(_, let desired) = result.decision else {
            Issue.record("expected a patch, got \(result.decision)")
            return
        }
        #expect(desired.metadata.annotations?["endpoints.kubernetes.io/over-capacity"] == nil)
        #expect(desired.readyIPs.count == 10)
    }

    @Test func sameNameEndpointsNotControlledAreAConflict() throws {
        var api = FakeAPIServer(Fixture.vmService(), defaulting: true)
        api.endpoints[Fixture.name] = Endpoints(metadata: ObjectMeta(name: Fixture.name, namespace: Fixture.namespace))
        try api.reconcile(vms: [Fixture.vm("vm1", ip4: "10.0.0.1")])
        #expect(api.endpoint?.subsets == nil)
        #expect(api.events.map(\.reason) == ["CreateK8sServiceSuccess", "ServiceConflict"])
    }
}

/// Less common Service shapes reaching the Endpoints (spec §5.4, §5.7, §5.8).
@Suite struct EndpointsServiceShapeTests {
    @Test func serviceWithoutPortsGivesAddressesWithoutPorts() throws {
        let vmService = Fixture.vmService(type: "ClusterIP", ports: []) { $0.clusterIP = "None" }
        let service = Fixture.storedService(for: vmService)
        let result = desiredEndpoints(for: vmService, service: service, vms: [Fixture.vm("vm1", ip4: "10.0.0.1")], stored: nil, options: .init())
        let subset = try #require(result?.desired?.subsets?.first)
        #expect(subset.addresses?.map(\.ip) == ["10.0.0.1"])
        #expect(subset.ports == nil)
    }

    @Test func namedTargetPortIsLeftOut() {
        let vmService = Fixture.vmService(ports: [Fixture.port("a", port: 80), Fixture.port("b", port: 81)])
        var service = Fixture.storedService(for: vmService)
        service.spec?.ports?[0].targetPort = .string("http")
        let result = desiredEndpoints(for: vmService, service: service, vms: [Fixture.vm("vm1", ip4: "10.0.0.1")], stored: nil, options: .init())
        #expect(result?.desired?.subsets?.first?.ports?.map(\.name) == ["b"])
    }

    @Test func serviceWithoutIPFamiliesListsNothing() {
        let vmService = Fixture.vmService()
        let service = Fixture.storedService(for: vmService, families: nil)
        let result = desiredEndpoints(for: vmService, service: service, vms: [Fixture.vm("vm1", ip4: "10.0.0.1", ip6: "fd00::1")], stored: nil, options: .init())
        #expect(result?.desired?.subsets == nil)
    }

    @Test func targetRefUsesTheConfiguredVMVersion() {
        let vmService = Fixture.vmService()
        let service = Fixture.storedService(for: vmService)
        let options = ReconcileOptions(virtualMachineAPIVersion: "vmoperator.vmware.com/v1alpha5")
        let result = desiredEndpoints(for: vmService, service: service, vms: [Fixture.vm("vm1", ip4: "10.0.0.1")], stored: nil, options: options)
        #expect(result?.desired?.subsets?.first?.addresses?.first?.targetRef?.apiVersion == "vmoperator.vmware.com/v1alpha5")
    }
}
