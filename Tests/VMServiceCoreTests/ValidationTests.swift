import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §14 lines 76–98, §10.1, §1.4 and §16.2: admission rules.
@Suite struct ValidationTests {
    private func errors(
        _ vmService: VirtualMachineService, old: VirtualMachineService? = nil, version: VirtualMachineService.APIVersion = .v1alpha3
    ) -> [String] {
        validate(vmService, old: old, version: version).map(\.description)
    }

    private func vmService(
        type: String? = "LoadBalancer", ports: [VirtualMachineServicePort] = [Fixture.port()],
        version: VirtualMachineService.APIVersion = .v1alpha3, edit: (inout VirtualMachineServiceSpec) -> Void = { _ in }
    ) -> VirtualMachineService {
        Fixture.vmService(type: type, ports: ports, version: version, edit: edit)
    }

    @Test func validLoadBalancerIsAllowed() {
        #expect(errors(vmService()) == [])
    }

    @Test func nameMustBeADNS1035Label() {
        var object = vmService()
        object.metadata.name = "9-MyVMService"
        let result = errors(object)
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("metadata.name: Invalid value: \"9-MyVMService\": a DNS-1035 label must consist of") == true)
    }

    @Test func emptyTypeMeansClusterIPAndIsAllowed() {
        #expect(errors(vmService(type: "")) == [])
        #expect(errors(vmService(type: nil)) == [])
    }

    @Test func unknownTypeIsUnsupported() {
        #expect(
            errors(vmService(type: "InvalidLB")) == [
                "spec.type: Unsupported value: \"InvalidLB\": supported values: \"ClusterIP\", \"LoadBalancer\""
            ])
    }

    @Test(arguments: ["NodePort", "ExternalName"])
    func nodePortAndExternalNameAreRejectedAsUnsupported(type: String) {
        let object = vmService(type: type) { $0.externalName = "example.com" }
        #expect(
            errors(object) == [
                "spec.type: Unsupported value: \"\(type)\": \(type) is not supported for VirtualMachineService; create a plain Service instead"
            ])
    }

    @Test func portsAreRequiredUnlessHeadless() {
        #expect(errors(vmService(ports: [])) == ["spec.ports: Required value"])
        #expect(errors(vmService(type: "ClusterIP", ports: []) { $0.clusterIP = "None" }) == [])
    }

    @Test func selectorKeyMustBeAQualifiedName() {
        let result = errors(vmService { $0.selector = ["THIS_NOT_VALID!": "x"] })
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("spec.selector: Invalid value: \"THIS_NOT_VALID!\": name part must consist of") == true)
    }

    @Test func selectorValueMustBeALabelValue() {
        let result = errors(vmService { $0.selector = ["ok": "not ok"] })
        #expect(result.first?.hasPrefix("spec.selector: Invalid value: \"not ok\": a valid label must be") == true)
    }

    @Test func clusterIPMustBeAnIPAddress() {
        let result = errors(vmService { $0.clusterIP = "100.1000.1.1" })
        #expect(result == ["spec.clusterIP: Invalid value: \"100.1000.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"])
    }

    @Test func loadBalancerMayNotBeHeadless() {
        #expect(
            errors(vmService { $0.clusterIP = "None" }) == [
                "spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"
            ])
    }

    @Test func sourceRangeMustBeACIDR() {
        let result = errors(vmService { $0.loadBalancerSourceRanges = ["10.1.1.0/24", "10.1.1.1/42"] })
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("spec.loadBalancerSourceRanges[1]: Invalid value: \"10.1.1.1/42\"") == true)
    }

    @Test func sourceRangeWhitespaceIsTrimmed() {
        #expect(errors(vmService { $0.loadBalancerSourceRanges = [" 10.1.1.0/24 "] }) == [])
    }

    @Test func sourceRangesOnlyForLoadBalancer() {
        #expect(
            errors(vmService(type: "ClusterIP") { $0.loadBalancerSourceRanges = ["10.1.1.0/24"] }) == [
                "spec.loadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"
            ])
    }

    @Test func portNameMustBeADNS1123Label() {
        let result = errors(vmService(ports: [Fixture.port("INVALID")]))
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("spec.ports[0].name: Invalid value: \"INVALID\"") == true)
    }

    @Test func portNumberMustBeInRange() {
        #expect(
            errors(vmService(ports: [Fixture.port(port: 100000)])) == [
                "spec.ports[0].port: Invalid value: 100000: must be between 1 and 65535, inclusive"
            ])
    }

    @Test func protocolMustBeSupported() {
        #expect(
            errors(vmService(ports: [Fixture.port(protocol: "INVALID")])) == [
                "spec.ports[0].protocol: Unsupported value: \"INVALID\": supported values: \"SCTP\", \"TCP\", \"UDP\""
            ])
        #expect(errors(vmService(ports: [Fixture.port(protocol: "")])) == ["spec.ports[0].protocol: Required value"])
    }

    @Test func targetPortMustBeInRange() {
        #expect(
            errors(vmService(ports: [Fixture.port(targetPort: 200000)])) == [
                "spec.ports[0].targetPort: Invalid value: 200000: must be between 1 and 65535, inclusive"
            ])
    }

    @Test func duplicatePortNameIsReportedOnTheLaterPort() {
        let ports = [Fixture.port("port1", port: 80), Fixture.port("port1", port: 81)]
        #expect(errors(vmService(ports: ports)) == ["spec.ports[1].name: Duplicate value: \"port1\""])
    }

    @Test func duplicateProtocolAndPortIsReportedOnTheLaterPort() {
        let ports = [Fixture.port("a", port: 80), Fixture.port("b", port: 80)]
        let result = errors(vmService(ports: ports))
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("spec.ports[1]: Duplicate value:") == true)
        #expect(errors(vmService(ports: [Fixture.port("a", port: 80), Fixture.port("b", port: 80, protocol: "UDP")])) == [])
    }

    @Test func unnamedPortIsOnlyAllowedAlone() {
        #expect(errors(vmService(ports: [Fixture.port("")])) == [])
        let ports = [Fixture.port("", port: 80), Fixture.port("b", port: 81)]
        #expect(errors(vmService(ports: ports)) == ["spec.ports[0].name: Required value"])
    }

    @Test func v1alpha3ForbidsIPFamilyFields() {
        #expect(
            errors(vmService { $0.ipFamilies = ["IPv4"] }) == [
                "spec.ipFamilies: Forbidden: the WorkloadIPv6 feature is not enabled"
            ])
        #expect(
            errors(vmService { $0.ipFamilyPolicy = "SingleStack" }) == [
                "spec.ipFamilyPolicy: Forbidden: the WorkloadIPv6 feature is not enabled"
            ])
    }

    @Test func v1alpha6AllowsIPFamilyFields() {
        let object = vmService(version: .v1alpha6) {
            $0.ipFamilies = ["IPv4", "IPv6"]
            $0.ipFamilyPolicy = "PreferDualStack"
        }
        #expect(errors(object, version: .v1alpha6) == [])
    }

    @Test func v1alpha6RejectsBadIPFamilies() {
        let duplicate = errors(vmService { $0.ipFamilies = ["IPv4", "IPv4"] }, version: .v1alpha6)
        #expect(duplicate.count == 1 && duplicate.first?.hasSuffix("must not contain duplicate entries") == true)
        let bogus = errors(vmService { $0.ipFamilies = ["bogus"] }, version: .v1alpha6)
        #expect(bogus == ["spec.ipFamilies[0]: Unsupported value: \"bogus\": supported values: \"IPv4\", \"IPv6\""])
        let three = errors(vmService { $0.ipFamilies = ["IPv4", "IPv6", "IPv4"] }, version: .v1alpha6)
        #expect(three.contains("spec.ipFamilies: Too many: 3: must have at most 2 items"))
        let externalName = vmService(type: "ExternalName", version: .v1alpha6) {
            $0.externalName = "example.com"
            $0.ipFamilies = ["IPv4"]
        }
        #expect(errors(externalName, version: .v1alpha6).count == 1)
        let policy = errors(vmService { $0.ipFamilyPolicy = "bogus" }, version: .v1alpha6)
        #expect(policy.first?.hasPrefix("spec.ipFamilyPolicy: Unsupported value: \"bogus\"") == true)
    }

    @Test func updateWithoutChangeIsAllowed() {
        #expect(errors(vmService(), old: vmService()) == [])
    }

    @Test func typeAndClusterIPAreImmutable() {
        #expect(errors(vmService(type: "ClusterIP"), old: vmService()) == ["spec.type: Forbidden: field is immutable"])
        let moved = vmService { $0.clusterIP = "10.0.0.2" }
        #expect(errors(moved, old: vmService { $0.clusterIP = "10.0.0.1" }) == ["spec.clusterIP: Forbidden: field is immutable"])
    }

    @Test func updateOfAnObjectBeingDeletedIsAllowed() {
        var object = vmService(type: "Bogus")
        object.metadata.deletionTimestamp = Fixture.now
        #expect(errors(object, old: vmService()) == [])
    }

    @Test func skipValidationAnnotationBypassesEverything() {
        var object = vmService(type: "Bogus", ports: [])
        object.metadata.annotations = [VMServiceConstants.skipValidationAnnotation: ""]
        #expect(errors(object) == [])
    }

    @Test func primaryIPFamilyMayNotChangeOnUpdate() {
        let old = vmService(version: .v1alpha6) { $0.ipFamilies = ["IPv4"] }
        let flipped = vmService(version: .v1alpha6) { $0.ipFamilies = ["IPv6"] }
        let result = errors(flipped, old: old, version: .v1alpha6)
        #expect(result.count == 1 && result.first?.hasSuffix("the primary IP family may not be changed or removed once set") == true)
        let removed = errors(vmService(version: .v1alpha6), old: old, version: .v1alpha6)
        #expect(removed.count == 1)
        let added = vmService(version: .v1alpha6) { $0.ipFamilies = ["IPv4", "IPv6"] }
        #expect(errors(added, old: old, version: .v1alpha6) == [])
    }

    @Test func reasonJoinsAllErrorsWithCommas() {
        let object = vmService(type: "InvalidLB", ports: [Fixture.port(port: 0)])
        let reason = validationReason(validate(object, old: nil, version: .v1alpha3))
        #expect(
            reason
                == "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, "
                + "spec.type: Unsupported value: \"InvalidLB\": supported values: \"ClusterIP\", \"LoadBalancer\"")
    }

    // MARK: - §16.3 the controller with an invalid object

    @Test func invalidVMServiceIsReportedAndItsServiceLeftAlone() throws {
        var api = FakeAPIServer(Fixture.vmService(version: .v1alpha6), defaulting: true)
        let reconciler = Reconciler(options: ReconcileOptions(version: .v1alpha6))
        let vms = [Fixture.vm("vm1", ip4: "10.0.0.1")]
        try api.reconcile(reconciler, vms: vms)
        let (service, endpoints) = (api.service, api.endpoint)
        api.vmService.spec.ports = [Fixture.port(port: 0)]
        api.vmService.spec.loadBalancerIP = "1.2.3.4"
        try api.reconcile(reconciler, vms: [])
        #expect(api.service == service)
        #expect(api.endpoint == endpoints)
        let warning = try #require(api.events.last)
        #expect(warning.type == "Warning")
        #expect(warning.reason == "InvalidVirtualMachineService")
        #expect(warning.message.hasPrefix("spec.ports[0].port: Invalid value: 0"))
        let condition = api.vmService.status?.conditions?.first(ofType: "VirtualMachineServiceValid")
        #expect(condition?.status == "False")
        #expect(condition?.message == warning.message)

        api.vmService.spec.ports = [Fixture.port()]
        try api.reconcile(reconciler, vms: vms)
        #expect(api.vmService.status?.conditions?.first(ofType: "VirtualMachineServiceValid") == nil)
        #expect(api.service?.spec?.loadBalancerIP == "1.2.3.4")
    }

    @Test func invalidVMServiceInV1alpha3IsReportedByEventOnly() throws {
        var api = FakeAPIServer(Fixture.vmService(type: "NodePort"))
        try api.reconcile()
        #expect(api.service == nil)
        #expect(api.events.map(\.reason) == ["InvalidVirtualMachineService"])
        #expect(api.vmService.status == nil)
    }
}
