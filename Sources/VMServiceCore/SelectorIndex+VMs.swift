extension SelectorIndex {
    /// Stores a VM (create or update) and returns the services to reconcile, following the
    /// relevance rule of spec §2.2: nothing for an irrelevant update, the services selecting
    /// the old and the new labels when the labels changed, the services selecting the labels
    /// otherwise.
    @discardableResult
    public mutating func upsertVM(_ vm: VMProjection) -> Set<String> {
        guard let slot = slotByName[vm.name], let old = slots[Int(slot)] else {
            return insert(vm)
        }
        let change = VMChange.classify(old: old, new: vm)
        let labelsChanged = change == .labels || (change == .replaced && old.labels != vm.labels)
        guard labelsChanged else {
            guard change != .irrelevant else { return [] }
            var stored = vm
            stored.labels = old.labels  // keep the shared strings; the caller's copy goes away
            slots[Int(slot)] = stored
            return services(selecting: old.labels)
        }
        let (before, after) = services(selectingBefore: old.labels, after: vm.labels)
        for name in before.subtracting(after) { services[name]?.members.remove(slot) }
        for name in after.subtracting(before) { services[name]?.members.insert(slot) }
        var stored = vm
        stored.labels = refile(slot, from: old.labels, to: vm.labels)
        slots[Int(slot)] = stored
        return before.union(after)
    }

    /// Forgets a VM and returns the services that selected it (spec §2.2: a deletion uses the
    /// last known labels).
    @discardableResult
    public mutating func removeVM(named name: String) -> Set<String> {
        guard let slot = slotByName.removeValue(forKey: name), let old = slots[Int(slot)] else { return [] }
        let selecting = services(selecting: old.labels)
        for service in selecting { services[service]?.members.remove(slot) }
        for (key, value) in old.labels { removePosting(LabelPair(key: key, value: value), slot: slot) }
        slots[Int(slot)] = nil
        freeSlots.append(slot)
        return selecting
    }

    private mutating func insert(_ vm: VMProjection) -> Set<String> {
        let slot: Slot
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = Slot(slots.count)
            slots.append(nil)
        }
        var stored = vm
        stored.labels = refile(slot, from: [:], to: vm.labels)
        slots[Int(slot)] = stored
        slotByName[vm.name] = slot
        let selecting = services(selecting: vm.labels)
        for service in selecting { services[service]?.members.insert(slot) }
        return selecting
    }

    /// Moves `slot` from the postings of the pairs only `old` has to those only `new` has, and
    /// returns `new` spelled with the posting keys' own strings: every VM with a given label
    /// then shares one copy of its key and value instead of keeping the strings it was decoded
    /// with (for long keys such as `app.kubernetes.io/name`, most of a VM's label bytes).
    /// `old` is the stored, already shared, spelling; unchanged pairs cost no posting work.
    private mutating func refile(_ slot: Slot, from old: [String: String], to new: [String: String]) -> [String: String] {
        var shared = old
        shared.reserveCapacity(new.count)
        for (key, value) in old {
            let newValue = new[key]
            guard newValue != value else { continue }
            removePosting(LabelPair(key: key, value: value), slot: slot)
            if newValue == nil { shared[key] = nil }
        }
        for (key, value) in new where old[key] != value {
            let pair = LabelPair(key: key, value: value)
            vmsByPair[pair, default: []].insert(slot)
            guard let position = vmsByPair.index(forKey: pair) else { continue }
            let canonical = vmsByPair.keys[position]
            shared[canonical.key] = canonical.value
            reanchorIfGrown(canonical, vmCount: vmsByPair.values[position].count)
        }
        return shared
    }

    private mutating func removePosting(_ pair: LabelPair, slot: Slot) {
        guard let position = vmsByPair.index(forKey: pair) else { return }
        vmsByPair.values[position].remove(slot)
        if vmsByPair.values[position].isEmpty { vmsByPair.remove(at: position) }
    }
}
