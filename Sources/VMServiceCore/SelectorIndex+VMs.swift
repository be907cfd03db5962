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
            stored.labels = old.labels  // share the stored dictionary; the caller's copy goes away
            slots[Int(slot)] = stored
            return services(selecting: old.labels)
        }
        slots[Int(slot)] = vm
        let before = services(selecting: old.labels)
        let after = services(selecting: vm.labels)
        for name in before.subtracting(after) { services[name]?.members.remove(slot) }
        for name in after.subtracting(before) { services[name]?.members.insert(slot) }
        for (key, value) in old.labels where vm.labels[key] != value {
            removePosting(LabelPair(key: key, value: value), slot: slot)
        }
        for (key, value) in vm.labels where old.labels[key] != value {
            vmsByPair[LabelPair(key: key, value: value), default: []].insert(slot)
        }
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
            slots[Int(slot)] = vm
        } else {
            slot = Slot(slots.count)
            slots.append(vm)
        }
        slotByName[vm.name] = slot
        for (key, value) in vm.labels { vmsByPair[LabelPair(key: key, value: value), default: []].insert(slot) }
        let selecting = services(selecting: vm.labels)
        for service in selecting { services[service]?.members.insert(slot) }
        return selecting
    }

    private mutating func removePosting(_ pair: LabelPair, slot: Slot) {
        guard var posting = vmsByPair.removeValue(forKey: pair) else { return }
        posting.remove(slot)
        if !posting.isEmpty { vmsByPair[pair] = posting }
    }
}
