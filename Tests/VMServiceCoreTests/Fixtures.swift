import KubeModel

@testable import VMServiceCore

/// Builders for the objects the tests feed the core, named after the reference's fixtures.
enum Fixture {
    static let namespace = "ns"
    static let name = "dummy-vm-service"
    static let uid = "vmsvc-uid"
    static let now = Time(secondsSince1970: 1_800_000_000)
    static let later = Time(secondsSince1970: 1_800_000_600)
    static let selector = ["foo": "bar"]

    static func port(_ name: String = "port1", port: Int32 = 80, targetPort: Int32 = 8080, protocol: String = "TCP")
        -> VirtualMachineServicePort
    {
        VirtualMachineServicePort(name: name, protocol: `protocol`, port: port, targetPort: targetPort)
    }

    static func vmService(
        type: String? = ServiceType.loadBalancer, ports: [VirtualMachineServicePort] = [port()],
        selector: [String: String]? = Fixture.selector, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, finalizers: [String]? = [VMServiceConstants.finalizer],
        version: VirtualMachineService.APIVersion = .v1alpha3, edit: (inout VirtualMachineServiceSpec) -> Void = { _ in }
    ) -> VirtualMachineService {
        var spec = VirtualMachineServiceSpec(type: type, ports: ports, selector: selector)
        edit(&spec)
        return VirtualMachineService(
            metadata: ObjectMeta(
                name: name, namespace: namespace, uid: uid, generation: 1, labels: labels, annotations: annotations,
                finalizers: finalizers),
            spec: spec, version: version)
    }

    static func vm(
        _ name: String, ip4: String = "", ip6: String = "", labels: [String: String] = Fixture.selector,
        ready: String? = nil, probe: Bool = false, deleting: Bool = false, namespace: String = Fixture.namespace
    ) -> VMProjection {
        VMProjection(
            namespace: namespace, name: name, uid: "uid-\(name)", labels: labels, primaryIP4: ip4, primaryIP6: ip6,
            readyStatus: ready, hasReadinessProbe: probe, isBeingDeleted: deleting)
    }

    /// A Service as the API server would store it for `vmService` on a single-stack IPv4 cluster.
    static func storedService(
        for vmService: VirtualMachineService, families: [String]? = [IPFamily.ipv4],
        options: ReconcileOptions = ReconcileOptions()
    ) -> Service {
        var service =
            desiredService(for: vmService, stored: nil, provider: NoOpLoadBalancerProvider(), options: options).desired
            ?? Service(metadata: ObjectMeta())
        service.metadata.uid = "svc-uid"
        service.metadata.resourceVersion = "1"
        service.spec?.ipFamilies = families
        return service
    }

    static func ownerReference(version: VirtualMachineService.APIVersion = .v1alpha3) -> OwnerReference {
        OwnerReference(
            apiVersion: "vmoperator.vmware.com/\(version.rawValue)", kind: "VirtualMachineService", name: name, uid: uid,
            controller: true, blockOwnerDeletion: true)
    }
}

extension WriteDecision {
    /// The desired object of a create or patch; nil for unchanged and conflict.
    var written: Object? {
        switch self {
        case .create(let object), .patch(_, let object): object
        case .unchanged, .conflict: nil
        }
    }
}

extension Endpoints {
    var readyIPs: [String] { (subsets ?? []).flatMap { ($0.addresses ?? []).map(\.ip) } }
    var notReadyIPs: [String] { (subsets ?? []).flatMap { ($0.notReadyAddresses ?? []).map(\.ip) } }
}
