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

    /// Moves the services anchored on `pair` to their now-rarest pair whenever the number of
    /// VMs carrying `pair` reaches a power of two. A snapshot loads services before VMs, when
    /// every count is zero and anchors fall back to pair order; without this, a pair every VM
    /// carries (`env=prod`) could stay the anchor of every service and each VM change would
    /// verify them all. Doubling bounds the extra work to O(log n) re-evaluations per anchor.
    /// Anchors only decide which candidates a VM change verifies, never the answer.
    mutating func reanchorIfGrown(_ pair: LabelPair, vmCount count: Int) {
        guard count >= 2, count & (count - 1) == 0, let anchored = servicesByAnchor[pair] else { return }
        for name in anchored {
            guard let selector = services[name]?.selector, let rarest = rarestPair(of: selector), rarest != pair
            else { continue }
            servicesByAnchor[pair]?.remove(name)
            servicesByAnchor[rarest, default: []].insert(name)
            services[name]?.anchor = rarest
        }
        if servicesByAnchor[pair]?.isEmpty == true { servicesByAnchor[pair] = nil }
    }

    /// The selector pair carried by the fewest VMs, ties broken by pair order so the choice is
    /// deterministic.
    private func rarestPair(of selector: [String: String]) -> LabelPair? {
        selector.map { LabelPair(key: $0.key, value: $0.value) }
            .min { lhs, rhs in
                let (lc, rc) = (vmsByPair[lhs]?.count ?? 0, vmsByPair[rhs]?.count ?? 0)
                return lc != rc ? lc < rc : lhs < rhs
            }
    }
}
