import KubeModel

/// The load-balancer hooks of spec §9.1. Additions land on the VirtualMachineService's own
/// metadata (and from there on the Service); the removal sets are what keeps keys a provider
/// no longer wants off the Service, since the additions stay on the VirtualMachineService.
public protocol LoadBalancerProvider: Sendable {
    /// The name the provider is chosen by (`--lb-provider`).
    var name: String { get }
    /// Prepares the load balancer (LoadBalancer type only); a thrown error fails the pass.
    func ensureLoadBalancer(for vmService: VirtualMachineService) throws
    /// Annotations merged into the VirtualMachineService (LoadBalancer type only).
    func serviceAnnotations(for vmService: VirtualMachineService) -> [String: String]
    /// Labels merged into the VirtualMachineService (LoadBalancer type only).
    func serviceLabels(for vmService: VirtualMachineService) -> [String: String]
    /// Annotation keys deleted from the Service after the copy (every type).
    func annotationsToRemove(for vmService: VirtualMachineService) -> Set<String>
    /// Label keys deleted from the Service after the copy (every type).
    func labelsToRemove(for vmService: VirtualMachineService) -> Set<String>
}

/// Spec §9.2 with §16.12: `nsx-t-lb` selects NSX-T, any other name (including empty) the no-op
/// provider. The per-namespace NetworkSettings lookup of the reference is out of scope.
public func loadBalancerProvider(named name: String) -> any LoadBalancerProvider {
    name == VMServiceConstants.nsxtProviderName ? NSXTLoadBalancerProvider() : NoOpLoadBalancerProvider()
}
