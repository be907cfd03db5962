import KubeModel

/// The four informer caches the reference's manager keeps (spec §2.1, §12).
public struct Caches: Sendable {
    public let vmServices = InformerCache<VirtualMachineService>()
    public let vms = InformerCache<VirtualMachine>()
    public let services = InformerCache<Service>()
    public let endpoints = InformerCache<Endpoints>()

    public init() {}

    /// controller-runtime's `List(InNamespace(ns), MatchingLabels(selector))` from the cache:
    /// every VM of the namespace is looked at, matches are copied out.
    func vms(in namespace: String, matching selector: [String: String]) -> [VirtualMachine] {
        vms.list(namespace: namespace).filter { vm in
            let labels = vm.metadata.labels ?? [:]
            return selector.allSatisfy { labels[$0.key] == $0.value }
        }
    }
}
