import KubeModel

/// The default provider (spec §9.3): labels and annotations pass through unchanged.
public struct NoOpLoadBalancerProvider: LoadBalancerProvider {
    public init() {}
    public var name: String { "" }
    public func ensureLoadBalancer(for vmService: VirtualMachineService) throws {}
    public func serviceAnnotations(for vmService: VirtualMachineService) -> [String: String] { [:] }
    public func serviceLabels(for vmService: VirtualMachineService) -> [String: String] { [:] }
    public func annotationsToRemove(for vmService: VirtualMachineService) -> Set<String> { [] }
    public func labelsToRemove(for vmService: VirtualMachineService) -> Set<String> { [] }
}
