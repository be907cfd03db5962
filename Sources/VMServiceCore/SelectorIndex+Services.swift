extension SelectorIndex {
    /// Stores or replaces a service's selector and recomputes its members from the VMs that
    /// carry its rarest pair. An empty selector is stored but selects nothing (spec §2.2).
    public mutating func upsertService(named name: String, selector: [String: String]) {
        if let existing = services[name], existing.selector == selector { return }
        removeService(named: name)
        guard let anchor = rarestPair(of: selector) else {
            services[name] = Service(selector: selector, anchor: nil, members: [])
            return
        }
        var members = Set<Slot>()
        for slot in vmsByPair[anchor] ?? [] {
            if let vm = slots[Int(slot)], Self.selector(selector, selects: vm.labels) { members.insert(slot) }
        }
        servicesByAnchor[anchor, default: []].insert(name)
        services[name] = Service(selector: selector, anchor: anchor, members: members)
    }

    /// Forgets a service.
    public mutating func removeService(named name: String) {
        guard let removed = services.removeValue(forKey: name), let anchor = removed.anchor else { return }
        guard var anchored = servicesByAnchor.removeValue(forKey: anchor) else { return }
        anchored.remove(name)
        if !anchored.isEmpty { servicesByAnchor[anchor] = anchored }
    }

    /// The selector pair carried by the fewest VMs (ties broken by pair order, so the choice is
    /// deterministic). Anchors are not moved when counts change later: the choice affects only
    /// how many candidates a VM change verifies, never the answer.
    private func rarestPair(of selector: [String: String]) -> LabelPair? {
        selector.map { LabelPair(key: $0.key, value: $0.value) }
            .min { lhs, rhs in
                let (lc, rc) = (vmsByPair[lhs]?.count ?? 0, vmsByPair[rhs]?.count ?? 0)
                return lc != rc ? lc < rc : lhs < rhs
            }
    }
}
