import KubeModel
import VMServiceCore

/// Which VirtualMachineServices a watch event enqueues (spec §2.1 and §2.2), as the
/// reference's handlers decide it: by looking at the caches, one event at a time.
public enum EventMapping {
    /// Spec §2.2: a VM change that can matter enqueues the namespace's VirtualMachineServices
    /// selecting the VM's old labels, new labels or both. `services` is the VM's namespace's
    /// list from the cache — listed once per event, as the reference does, whatever its size.
    public static func keys(
        vmChangeFrom old: VirtualMachine?, to new: VirtualMachine?, services: [VirtualMachineService]
    ) -> Set<String> {
        let change = VMChange.classify(old: old.map(VMProjection.init), new: new.map(VMProjection.init))
        let sets = change.labelSetsToLookUp
        var labelSets: [[String: String]] = []
        if sets.contains(.old), let old { labelSets.append(old.metadata.labels ?? [:]) }
        if sets.contains(.new), let new { labelSets.append(new.metadata.labels ?? [:]) }
        var keys: Set<String> = []
        for service in services where labelSets.contains(where: { selects(service, $0) }) {
            keys.insert(service.key)
        }
        return keys
    }

    /// Spec §2.1: a Service or Endpoints enqueues every VirtualMachineService among its owner
    /// references (any of them, not only the controller).
    public static func ownerKeys(of metadata: ObjectMeta) -> Set<String> {
        let namespace = metadata.namespace ?? ""
        var keys: Set<String> = []
        for owner in metadata.ownerReferences ?? [] where owner.kind == VirtualMachineService.resource.kind {
            keys.insert("\(namespace)/\(owner.name)")
        }
        return keys
    }

    /// Spec §2.2: a non-empty selector whose every pair is among the labels.
    public static func selects(_ service: VirtualMachineService, _ labels: [String: String]) -> Bool {
        guard let selector = service.spec.selector, !selector.isEmpty else { return false }
        return selector.allSatisfy { labels[$0.key] == $0.value }
    }
}
