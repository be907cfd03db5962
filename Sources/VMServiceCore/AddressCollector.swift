import KubeModel

/// Turns selected VMs into endpoint addresses: skip rules (spec §5.3), IP-family filtering
/// (§5.4), readiness (§5.5), address checks (§16.7), and the canonical packing (§5.8, §16.9,
/// §16.11). Since every address of this controller offers the same ports, Kubernetes'
/// repacking always yields one subset, so this keeps one address set and lets the same
/// (IP, VM) seen both ready and not ready end up not ready, as the repacking does.
struct AddressCollector {
    let allowedFamilies: Set<String>
    let previouslyReady: Set<String>
    let vmAPIVersion: String
    private(set) var dropped: [DroppedAddress] = []
    private var readiness: [AddressKey: (address: EndpointAddress, ready: Bool)] = [:]

    init(allowedFamilies: Set<String>, previouslyReady: Set<String>, vmAPIVersion: String) {
        self.allowedFamilies = allowedFamilies
        self.previouslyReady = previouslyReady
        self.vmAPIVersion = vmAPIVersion
    }

    struct Packed {
        var ready: [EndpointAddress]
        var notReady: [EndpointAddress]
        var isTruncated: Bool
        var isEmpty: Bool { ready.isEmpty && notReady.isEmpty }
    }

    private struct AddressKey: Hashable {
        var ip: String
        var uid: String
    }

    mutating func add(_ vm: VMProjection) {
        guard !vm.isBeingDeleted else { return }
        let ready = vm.isReady(previouslyReady: previouslyReady)
        let target = vm.targetReference(apiVersion: vmAPIVersion)
        let addresses = vm.endpointAddresses(allowedFamilies: allowedFamilies)
        dropped += addresses.dropped
        for (ip, _) in addresses.usable {
            let key = AddressKey(ip: ip, uid: vm.uid)
            var address = EndpointAddress(ip: ip, targetRef: target)
            var isReady = ready
            if let seen = readiness[key] {
                // Two VMs claiming one UID is malformed input; pick one by name so the result
                // still does not depend on the order the VMs came in.
                if (seen.address.targetRef?.name ?? "") < vm.name { address = seen.address }
                isReady = isReady && seen.ready
            }
            readiness[key] = (address, isReady)
        }
    }

    /// Canonical order, at most `limit` addresses: ready ones first (spec §16.11).
    func packed(limit: Int) -> Packed {
        let sorted = readiness.values.sorted { EndpointAddress.canonicalOrder($0.address, $1.address) }
        let ready = sorted.filter(\.ready).map(\.address)
        let notReady = sorted.filter { !$0.ready }.map(\.address)
        let keptReady = Array(ready.prefix(limit))
        let keptNotReady = Array(notReady.prefix(limit - keptReady.count))
        return Packed(
            ready: keptReady, notReady: keptNotReady, isTruncated: ready.count + notReady.count > limit)
    }
}
