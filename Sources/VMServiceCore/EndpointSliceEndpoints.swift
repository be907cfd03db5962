import KubeModel

/// How the slice reconciler identifies an endpoint: its address and the UID of its VM, the
/// same identity the Endpoints use (spec §5.8). Ordered byte-wise, address first, so slices
/// list their endpoints in the canonical order of the Endpoints' addresses.
public struct EndpointSliceEndpointKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var address: String
    public var uid: String

    public init(address: String, uid: String) {
        self.address = address
        self.uid = uid
    }

    init(_ endpoint: EndpointSlice.Endpoint) {
        self.init(address: endpoint.addresses.first ?? "", uid: endpoint.targetRef?.uid ?? "")
    }

    public static func < (a: Self, b: Self) -> Bool {
        if !a.address.utf8.elementsEqual(b.address.utf8) { return a.address.utf8.lexicographicallyPrecedes(b.address.utf8) }
        return a.uid.utf8.lexicographicallyPrecedes(b.uid.utf8)
    }

    public var description: String { "\(address) (\(uid))" }
}

/// The endpoints of one VirtualMachineService's slices, per address family, from the VMs its
/// selector matched: the skip, family and address rules of the Endpoints (spec §5.3, §5.4,
/// §16.7) and their readiness (§5.5), with one difference.
///
/// A VM being deleted is published as `terminating: true, ready: false, serving: <readiness>`
/// instead of being left out. That is what Kubernetes publishes for a terminating Pod: consumers
/// that look at `ready` (all of them by default) stop sending new connections exactly as when
/// the address disappears from the Endpoints, while kube-proxy can still use a serving,
/// terminating endpoint as a last resort when no ready one is left, so a service whose every VM
/// is being replaced does not black-hole traffic while the old VMs shut down. Endpoints have no
/// way to say "terminating", which is why the Endpoints still leave such VMs out.
struct EndpointSliceEndpoints {
    let allowedFamilies: [String]
    let previouslyReady: Set<String>
    let vmAPIVersion: String
    private(set) var byFamily: [String: [EndpointSliceEndpointKey: EndpointSlice.Endpoint]] = [:]
    private(set) var dropped: [DroppedAddress] = []
    /// The name of the VM each endpoint came from (two VMs claiming one UID is malformed
    /// input: the one with the smaller name wins, so the VM order does not matter).
    private var sources: [EndpointSliceEndpointKey: String] = [:]

    init(allowedFamilies: [String], previouslyReady: Set<String>, vmAPIVersion: String) {
        self.allowedFamilies = allowedFamilies
        self.previouslyReady = previouslyReady
        self.vmAPIVersion = vmAPIVersion
    }

    mutating func add(_ vm: VMProjection) {
        let ready = vm.isReady(previouslyReady: previouslyReady)
        let conditions = EndpointSlice.Conditions(
            ready: ready && !vm.isBeingDeleted, serving: ready, terminating: vm.isBeingDeleted)
        let addresses = vm.endpointAddresses(allowedFamilies: allowedFamilies)
        dropped += addresses.dropped
        for (ip, family) in addresses.usable {
            let key = EndpointSliceEndpointKey(address: ip, uid: vm.uid)
            var endpoint = EndpointSlice.Endpoint(
                addresses: [ip], conditions: conditions, targetRef: vm.targetReference(apiVersion: vmAPIVersion))
            if let seen = byFamily[family]?[key], let source = sources[key] {
                endpoint = Self.merged(seen, from: source, endpoint, from: vm.name)
            }
            sources[key] = min(sources[key] ?? vm.name, vm.name)
            byFamily[family, default: [:]][key] = endpoint
        }
    }

    /// Two VMs with one UID and address: the smaller name's reference, each condition the
    /// more cautious of the two (not ready wins, terminating wins), as the Endpoints do.
    private static func merged(
        _ a: EndpointSlice.Endpoint, from nameA: String, _ b: EndpointSlice.Endpoint, from nameB: String
    ) -> EndpointSlice.Endpoint {
        var result = nameA < nameB ? a : b
        let (x, y) = (a.conditions ?? .init(), b.conditions ?? .init())
        result.conditions = EndpointSlice.Conditions(
            ready: (x.ready ?? false) && (y.ready ?? false), serving: (x.serving ?? false) && (y.serving ?? false),
            terminating: (x.terminating ?? false) || (y.terminating ?? false))
        return result
    }
}

extension EndpointSlice {
    /// The UIDs of the VMs listed as ready (spec §5.5 row 3, the memory of a VM whose probe has
    /// not reported yet). A terminating endpoint is never `ready`; its `serving` is the VM's
    /// readiness, so that is what is remembered.
    static func readyTargetUIDs(of slices: [EndpointSlice]) -> Set<String> {
        var uids: Set<String> = []
        for slice in slices {
            for endpoint in slice.endpoints ?? []
            where (endpoint.conditions?.serving ?? endpoint.conditions?.ready) == true {
                if let uid = endpoint.targetRef?.uid { uids.insert(uid) }
            }
        }
        return uids
    }
}
