import Foundation
import KubeModel
import PropertyBased
import Testing

@testable import VMServiceCore

/// Properties that must hold for any input: the answer never depends on the order VMs arrive
/// in, canonical forms are stable, and a pass after the previous pass's writes writes nothing.
@Suite struct PropertyTests {
    /// One VM per code: the code picks addresses (some duplicated, some invalid), readiness,
    /// probe, deletion and whether the labels match, so small codes cover every branch.
    /// `sharedUIDs` makes some VMs claim one UID, malformed input the result must still not
    /// depend on the order of.
    static func vm(_ index: Int, code: Int, sharedUIDs: Bool) -> VMProjection {
        let ip4s = ["", "10.0.0.1", "10.0.0.17", "10.0.0.9", "127.0.0.1", "bogus", "10.0.0.1"]
        let ip6s = ["", "fd00::1", "fd00::a", "fe80::1", "10.0.0.3"]
        let readiness: [String?] = [nil, "True", "False", "Unknown"]
        return VMProjection(
            namespace: Fixture.namespace, name: "vm\(index)", uid: "uid-\(sharedUIDs ? index % 9 : index)",
            labels: code % 11 == 0 ? [:] : Fixture.selector, primaryIP4: ip4s[code % 7], primaryIP6: ip6s[(code / 7) % 5],
            readyStatus: readiness[(code / 35) % 4], hasReadinessProbe: (code / 140) % 2 == 1,
            isBeingDeleted: (code / 280) % 5 == 0)
    }

    static func vms(_ codes: [Int], sharedUIDs: Bool = false) -> [VMProjection] {
        codes.enumerated().map { vm($0.offset, code: $0.element, sharedUIDs: sharedUIDs) }
    }

    static let codes = Gen.int(in: 0...1399).array(of: 0...25)
    static let families = Gen.int(in: 0...3).map { [[], ["IPv4"], ["IPv6"], ["IPv4", "IPv6"]][$0] }

    private func endpoints(_ vms: [VMProjection], families: [String], stored: Endpoints?) -> EndpointsResult? {
        let vmService = Fixture.vmService(ports: [Fixture.port("a", port: 80), Fixture.port("b", port: 81)])
        let service = Fixture.storedService(for: vmService, families: families)
        return desiredEndpoints(for: vmService, service: service, vms: vms, stored: stored, options: .init())
    }

    @Test func desiredEndpointsIgnoreVMOrder() async {
        await propertyCheck(input: Self.codes, Gen.int(in: 0...30), Self.families) { codes, rotation, families in
            let vms = Self.vms(codes, sharedUIDs: true)
            let previous = endpoints(Self.vms(codes.map { ($0 * 7) % 1400 }), families: families, stored: nil)?.desired
            let shift = vms.isEmpty ? 0 : rotation % vms.count
            let rotated = Array(vms[shift...] + vms[..<shift])
            let expected = endpoints(vms, families: families, stored: previous)
            #expect(endpoints(vms.reversed(), families: families, stored: previous) == expected)
            #expect(endpoints(rotated, families: families, stored: previous) == expected)
        }
    }

    /// The controller's patches are diffs of `JSONValueEncoder` trees: for every object it
    /// builds, the tree must be the one Foundation's encoder and our parser give.
    @Test func directEncodingMatchesFoundationForEveryDesiredObject() async throws {
        await propertyCheck(input: Self.codes, Self.families) { codes, families in
            let vmService = Fixture.vmService(ports: [Fixture.port("a", port: 80), Fixture.port("b", port: 81)])
            let service = Fixture.storedService(for: vmService, families: families)
            let vms = Self.vms(codes)
            let endpoints = desiredEndpoints(for: vmService, service: service, vms: vms, stored: nil, options: .init())
            #expect(Self.encodesAlike(service))
            #expect(Self.encodesAlike(vmService))
            if let desired = endpoints?.desired { #expect(Self.encodesAlike(desired)) }
        }
    }

    static func encodesAlike<T: Encodable>(_ value: T) -> Bool {
        guard let direct = try? JSONValueEncoder.encode(value), let bytes = try? JSONEncoder().encode(value) else { return false }
        return (try? JSONReader.parse(Array(bytes))) == direct
    }

    @Test func canonicalFormIsIdempotentAndOrderBlind() async {
        await propertyCheck(input: Self.codes, Self.families) { codes, families in
            guard let desired = endpoints(Self.vms(codes), families: families, stored: nil)?.desired else { return }
            let canonical = CanonicalForm.canonical(desired)
            #expect(CanonicalForm.canonical(canonical) == canonical)
            var shuffled = desired
            shuffled.subsets = desired.subsets?.map { subset in
                EndpointSubset(
                    addresses: subset.addresses?.reversed(), notReadyAddresses: subset.notReadyAddresses?.reversed(),
                    ports: subset.ports?.reversed())
            }
            #expect(!CanonicalForm.needsWrite(stored: shuffled, desired: desired))
            let service = Fixture.storedService(for: Fixture.vmService(), families: families)
            #expect(CanonicalForm.canonical(CanonicalForm.canonical(service)) == CanonicalForm.canonical(service))
        }
    }

    /// A VMService shape per code: type, metadata, ports, selector, version and provider.
    static func reconcileCase(_ code: Int) -> (VirtualMachineService, Reconciler) {
        let version: VirtualMachineService.APIVersion = code % 2 == 0 ? .v1alpha3 : .v1alpha6
        let annotations: [String: String] = [
            [:], ["a": "1"], [VMServiceConstants.externalTrafficPolicyAnnotation: "Local"],
            [VMServiceConstants.healthCheckNodePortAnnotation: "30012", "nsx.vmware.com/hostname": "h"],
        ][(code / 2) % 4]
        let ports = Array([Fixture.port("a", port: 80), Fixture.port("b", port: 81)].prefix(1 + (code / 8) % 2))
        var vmService = Fixture.vmService(
            type: (code / 16) % 2 == 0 ? "LoadBalancer" : "ClusterIP", ports: ports,
            selector: (code / 32) % 4 == 0 ? nil : Fixture.selector, labels: (code / 128) % 2 == 0 ? nil : ["l": "1"],
            annotations: annotations, finalizers: (code / 256) % 2 == 0 ? nil : [VMServiceConstants.deprecatedFinalizer],
            version: version)
        if version == .v1alpha6 && (code / 512) % 2 == 1 { vmService.spec.ipFamilyPolicy = "PreferDualStack" }
        let provider = loadBalancerProvider(named: (code / 1024) % 2 == 0 ? "" : "nsx-t-lb")
        return (vmService, Reconciler(options: ReconcileOptions(version: version), provider: provider))
    }

    @Test func secondPassAfterAppliedWritesWritesNothing() async {
        await propertyCheck(input: Gen.int(in: 0...2047), Self.codes, Gen.bool()) { code, codes, defaulting in
            let (vmService, reconciler) = Self.reconcileCase(code)
            var api = FakeAPIServer(vmService, defaulting: defaulting)
            let vms = Self.vms(codes)
            try api.reconcile(reconciler, vms: vms, now: Fixture.now)
            let writes = api.writes
            try api.reconcile(reconciler, vms: vms, now: Fixture.later)
            #expect(api.writes == writes, "code \(code): second pass wrote \(api.writes.dropFirst(writes.count))")
        }
    }
}
