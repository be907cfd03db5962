/// The VMs and VirtualMachineService selectors of ONE namespace, indexed both ways, so that a
/// VM change costs work in proportion to the services it affects — not to the number of
/// services or VMs in the namespace — and a dirty service finds its VMs without a scan
/// (DESIGN "Worker"; spec §2.2 and §13).
///
/// * Every service with a non-empty selector is filed under exactly one of its selector pairs,
///   its *anchor*: the pair carried by the fewest VMs, re-chosen whenever the anchor's VM count
///   doubles. The services that select a label set L are then among the services anchored on
///   L's pairs, and each such candidate is verified against its whole selector.
/// * Each service keeps its member set (the VMs it selects), maintained on every VM and
///   selector change, so "the VMs of S" costs O(|members|).
/// * Every label pair maps to the VMs carrying it, so storing a selector scans only the VMs of
///   its rarest pair.
///
/// Memory (tens of thousands of VMs per namespace): VMs are referred to by a slot number
/// inside the index instead of by name, so a member or posting entry costs four bytes; the
/// only copy of a VM's labels is the one inside its stored projection, and that copy is
/// spelled with strings shared by every VM carrying the same label. An update whose labels
/// did not change keeps the stored dictionary.
///
/// The caller keeps one index per namespace; the index does not look at `namespace`.
public struct SelectorIndex: Sendable {
    typealias Slot = Int32

    struct Service: Sendable {
        var selector: [String: String]
        /// Nil for an empty selector, which selects nothing.
        var anchor: LabelPair?
        var members: Set<Slot>
    }

    /// Projections by slot; nil marks a free slot (listed in `freeSlots`).
    var slots: ContiguousArray<VMProjection?> = []
    var freeSlots: [Slot] = []
    var slotByName: [String: Slot] = [:]
    /// Label pair → the VMs carrying it.
    var vmsByPair: [LabelPair: Set<Slot>] = [:]
    var services: [String: Service] = [:]
    /// Anchor pair → the services filed under it.
    var servicesByAnchor: [LabelPair: Set<String>] = [:]

    public init() {}

    public var vmCount: Int { slotByName.count }
    public var serviceCount: Int { services.count }
    public var vmNames: some Collection<String> { slotByName.keys }
    public var serviceNames: some Collection<String> { services.keys }

    /// The stored projection of the VM with this name.
    public func vm(named name: String) -> VMProjection? {
        slotByName[name].flatMap { slots[Int($0)] }
    }

    /// The stored selector of a service (empty for a selectorless one).
    public func selector(ofService name: String) -> [String: String]? {
        services[name]?.selector
    }

    /// The services whose selector selects `labels`.
    public func services(selecting labels: [String: String]) -> Set<String> {
        var result = Set<String>()
        for (key, value) in labels {
            guard let anchored = servicesByAnchor[LabelPair(key: key, value: value)] else { continue }
            for name in anchored {
                if let service = services[name], Self.selector(service.selector, selects: labels) {
                    result.insert(name)
                }
            }
        }
        return result
    }

    /// The services selecting `old` and those selecting `new`, looking up each anchor pair
    /// once: the pairs both label sets share name the same candidates for both.
    func services(selectingBefore old: [String: String], after new: [String: String])
        -> (before: Set<String>, after: Set<String>)
    {
        var before = Set<String>()
        var after = Set<String>()
        func verify(anchoredOn key: String, _ value: String) {
            guard let anchored = servicesByAnchor[LabelPair(key: key, value: value)] else { return }
            for name in anchored {
                guard let selector = services[name]?.selector else { continue }
                if Self.selector(selector, selects: old) { before.insert(name) }
                if Self.selector(selector, selects: new) { after.insert(name) }
            }
        }
        for (key, value) in old { verify(anchoredOn: key, value) }
        for (key, value) in new where old[key] != value { verify(anchoredOn: key, value) }
        return (before, after)
    }

    /// The projections of the VMs a service selects, in no particular order; empty for an
    /// unknown or selectorless service.
    public func vms(selectedBy service: String) -> [VMProjection] {
        guard let members = services[service]?.members else { return [] }
        return members.compactMap { slots[Int($0)] }
    }

    /// The names of the VMs a service selects.
    public func vmNames(selectedBy service: String) -> Set<String> {
        guard let members = services[service]?.members else { return [] }
        return Set(members.compactMap { slots[Int($0)]?.name })
    }
}
