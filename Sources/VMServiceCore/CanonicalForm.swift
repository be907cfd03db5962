import KubeModel

/// Canonical forms, one per kind the controller writes, and the "is a write needed?" answer
/// built on them (spec §16.9). The API server does not keep empty lists and maps, and some
/// lists carry no order (Endpoints addresses, finalizers); comparing raw objects would see a
/// difference in `nil` vs `[]` or in order, write, read back the same thing and write again.
/// Comparing canonical forms makes an unchanged desired state cost no write, ever.
public enum CanonicalForm {
    public static func needsWrite(stored: Service, desired: Service) -> Bool {
        canonical(stored) != canonical(desired)
    }

    public static func needsWrite(stored: Endpoints, desired: Endpoints) -> Bool {
        canonical(stored) != canonical(desired)
    }

    public static func needsWrite(stored: VirtualMachineServiceStatus?, desired: VirtualMachineServiceStatus?) -> Bool {
        canonical(stored) != canonical(desired)
    }

    /// The metadata part of a VirtualMachineService the controller writes (labels,
    /// annotations, finalizers; finalizer order carries no meaning).
    public static func needsWrite(stored: ObjectMeta, desired: ObjectMeta) -> Bool {
        canonicalWritable(stored) != canonicalWritable(desired)
    }

    static func canonical(_ service: Service) -> Service {
        var service = service
        service.metadata = canonical(service.metadata)
        if var spec = service.spec {
            spec.ports = spec.ports?.map { port in
                var port = port
                if port.nodePort == 0 { port.nodePort = nil }
                return port
            }.nilIfEmpty
            spec.selector = spec.selector?.nilIfEmpty
            spec.clusterIPs = spec.clusterIPs?.nilIfEmpty
            spec.ipFamilies = spec.ipFamilies?.nilIfEmpty
            spec.loadBalancerSourceRanges = spec.loadBalancerSourceRanges?.nilIfEmpty
            spec.externalIPs = spec.externalIPs?.nilIfEmpty
            spec.externalName = spec.externalName?.nilIfEmpty
            spec.loadBalancerIP = spec.loadBalancerIP?.nilIfEmpty
            service.spec = spec
        }
        return service
    }

    static func canonical(_ endpoints: Endpoints) -> Endpoints {
        var endpoints = endpoints
        endpoints.metadata = canonical(endpoints.metadata)
        endpoints.subsets = endpoints.subsets?
            .map(canonical)
            .filter { $0.addresses != nil || $0.notReadyAddresses != nil }
            .sorted { subsetKey($0) < subsetKey($1) }
            .nilIfEmpty
        return endpoints
    }

    static func canonical(_ subset: EndpointSubset) -> EndpointSubset {
        EndpointSubset(
            addresses: subset.addresses?.sorted(by: EndpointAddress.canonicalOrder).nilIfEmpty,
            notReadyAddresses: subset.notReadyAddresses?.sorted(by: EndpointAddress.canonicalOrder).nilIfEmpty,
            ports: subset.ports?.sorted { portKey($0) < portKey($1) }.nilIfEmpty)
    }

    static func canonical(_ status: VirtualMachineServiceStatus?) -> VirtualMachineServiceStatus? {
        guard var status else { return nil }
        status.loadBalancer = status.loadBalancer?.ingress?.nilIfEmpty.map {
            VirtualMachineServiceLoadBalancerStatus(ingress: $0)
        }
        status.conditions = status.conditions?.sorted { $0.type < $1.type }.nilIfEmpty
        return status.loadBalancer == nil && status.conditions == nil ? nil : status
    }

    static func canonical(_ meta: ObjectMeta) -> ObjectMeta {
        var meta = meta
        meta.labels = meta.labels?.nilIfEmpty
        meta.annotations = meta.annotations?.nilIfEmpty
        meta.ownerReferences = meta.ownerReferences?.nilIfEmpty
        meta.finalizers = meta.finalizers?.nilIfEmpty
        return meta
    }

    private static func canonicalWritable(_ meta: ObjectMeta) -> ObjectMeta {
        ObjectMeta(
            labels: meta.labels?.nilIfEmpty, annotations: meta.annotations?.nilIfEmpty,
            finalizers: meta.finalizers.map { Array(Set($0)).sorted() }?.nilIfEmpty)
    }

    private static func portKey(_ port: EndpointPort) -> String {
        "\(port.name ?? "")/\(port.protocol ?? "")/\(port.port)"
    }

    private static func subsetKey(_ subset: EndpointSubset) -> String {
        let ports = (subset.ports ?? []).map(portKey).joined(separator: ",")
        let first = (subset.addresses ?? subset.notReadyAddresses ?? []).first
        return "\(ports)|\(first?.ip ?? "")|\(first?.targetRef?.uid ?? "")"
    }
}

extension EndpointAddress {
    /// Spec §5.8 step 4 and §16.9: IP text compared byte-wise (`10.0.0.10` before `10.0.0.9`),
    /// then target UID, an address without target first.
    static func canonicalOrder(_ a: EndpointAddress, _ b: EndpointAddress) -> Bool {
        if !a.ip.utf8.elementsEqual(b.ip.utf8) { return a.ip.utf8.lexicographicallyPrecedes(b.ip.utf8) }
        switch (a.targetRef?.uid, b.targetRef?.uid) {
        case (nil, nil), (_, nil): return false
        case (nil, _): return true
        case (let uidA?, let uidB?): return uidA.utf8.lexicographicallyPrecedes(uidB.utf8)
        }
    }
}

extension Collection {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
