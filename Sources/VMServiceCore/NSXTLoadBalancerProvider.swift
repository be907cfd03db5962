import KubeModel

/// The NSX-T provider's metadata rules (spec §9.4): NSX-T reads the traffic policy from a
/// service-proxy label and the health-check port from its own annotation, so the VMService's
/// generic annotations are translated into those.
public struct NSXTLoadBalancerProvider: LoadBalancerProvider {
    public init() {}
    public var name: String { VMServiceConstants.nsxtProviderName }

    public func ensureLoadBalancer(for vmService: VirtualMachineService) throws {}

    public func serviceAnnotations(for vmService: VirtualMachineService) -> [String: String] {
        guard let port = annotation(VMServiceConstants.healthCheckNodePortAnnotation, of: vmService) else {
            return [:]
        }
        return [VMServiceConstants.ncpHealthCheckNodePortAnnotation: port]
    }

    public func serviceLabels(for vmService: VirtualMachineService) -> [String: String] {
        wantsLocalTraffic(vmService)
            ? [VMServiceConstants.serviceProxyNameLabel: VMServiceConstants.serviceProxyNameNSXT] : [:]
    }

    public func annotationsToRemove(for vmService: VirtualMachineService) -> Set<String> {
        var keys: Set<String> = []
        if annotation(VMServiceConstants.healthCheckNodePortAnnotation, of: vmService) == nil {
            keys.insert(VMServiceConstants.ncpHealthCheckNodePortAnnotation)
        }
        if annotation(VMServiceConstants.nsxHostnameAnnotation, of: vmService) == nil {
            keys.insert(VMServiceConstants.nsxHostnameAnnotation)
        }
        return keys
    }

    public func labelsToRemove(for vmService: VirtualMachineService) -> Set<String> {
        wantsLocalTraffic(vmService) ? [] : [VMServiceConstants.serviceProxyNameLabel]
    }

    private func wantsLocalTraffic(_ vmService: VirtualMachineService) -> Bool {
        annotation(VMServiceConstants.externalTrafficPolicyAnnotation, of: vmService) == "Local"
    }

    private func annotation(_ key: String, of vmService: VirtualMachineService) -> String? {
        vmService.metadata.annotations?[key]
    }
}
