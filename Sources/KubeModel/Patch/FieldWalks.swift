/// The walks over objects that structured-merge-diff makes: the field set a value sets, the
/// merge of an applied configuration into the live object, the comparison of two versions, and
/// the removal of fields.
enum FieldWalks {
    // MARK: field set (typed.ToFieldSet)

    static func fieldSet(of value: JSONValue, schema: ApplySchema) -> Set<FieldPath> {
        var paths = Set<FieldPath>()
        collect(value, schema: schema, path: FieldPath([]), into: &paths)
        return paths
    }

    private static func collect(_ value: JSONValue, schema: ApplySchema, path: FieldPath, into paths: inout Set<FieldPath>) {
        switch value {
        case .object(let members) where !schema.isAtomic:
            for (key, member) in members {
                let childPath = path.appending(.field(key))
                collect(member, schema: schema.child(key), path: childPath, into: &paths)
                // A struct field is owned through its children; a map entry or an empty value is owned itself.
                if member == .null || member == .object([:]) || (schema.isMap && schema.fields[key] == nil) {
                    paths.insert(childPath)
                }
            }
        case .array(let items):
            guard let named = name(items, schema: schema) else {
                paths.insert(path)
                return
            }
            var seen: [FieldPathElement: Int] = [:]
            for element in named.map(\.element) { seen[element, default: 0] += 1 }
            for (element, item) in named {
                let itemPath = path.appending(element)
                if seen[element] ?? 0 < 2 { collect(item, schema: schema.itemSchema, path: itemPath, into: &paths) }
                paths.insert(itemPath)
            }
        default:
            paths.insert(path)
        }
    }

    /// Every item with its path element; nil when the list is atomic or an item cannot be named.
    static func name(_ items: [JSONValue], schema: ApplySchema) -> [(element: FieldPathElement, item: JSONValue)]? {
        var named: [(element: FieldPathElement, item: JSONValue)] = []
        for item in items {
            guard let element = schema.element(for: item) else { return nil }
            named.append((element, item))
        }
        return named
    }

    // MARK: merge (typed.Merge, the applied value wins)

    static func merge(_ live: JSONValue?, _ applied: JSONValue?, schema: ApplySchema) -> JSONValue? {
        guard let applied else { return live }
        guard let live else { return applied }
        switch (live, applied) {
        case (.object(var members), .object(let changes)) where !schema.isAtomic:
            for (key, change) in changes {
                members[key] = merge(members[key], change, schema: schema.child(key))
            }
            return .object(members)
        case (.array(let old), .array(let new)):
            guard let lhs = name(old, schema: schema), let rhs = name(new, schema: schema) else { return applied }
            return .array(mergeItems(lhs, rhs, schema: schema.itemSchema))
        default:
            return applied
        }
    }

    /// structured-merge-diff's list order: live items keep their place, applied items are
    /// placed in applied order, and shared items follow the applied order.
    private static func mergeItems(
        _ lhs: [(element: FieldPathElement, item: JSONValue)], _ rhs: [(element: FieldPathElement, item: JSONValue)],
        schema: ApplySchema
    ) -> [JSONValue] {
        // A live item that appears more than once is not merged: the applied item replaces them all.
        var counts: [FieldPathElement: Int] = [:]
        for (element, _) in lhs { counts[element, default: 0] += 1 }
        var observedLHS: [FieldPathElement: JSONValue] = [:]
        for (element, item) in lhs where counts[element] == 1 { observedLHS[element] = item }
        let inLHS = Set(counts.keys)
        let inRHS = Set(rhs.map(\.element))
        var shared = rhs.map(\.element).filter { inLHS.contains($0) }[...]
        var nextShared = shared.popFirst()
        var merged = Set<FieldPathElement>()
        var out: [JSONValue] = []
        var l = 0
        var r = 0
        while l < lhs.count || r < rhs.count {
            if l < lhs.count && r < rhs.count {
                let element = lhs[l].element
                if element == rhs[r].element {
                    merged.insert(element)
                    if let item = merge(observedLHS[element], rhs[r].item, schema: schema) { out.append(item) }
                    l += 1
                    r += 1
                    nextShared = shared.popFirst()
                    continue
                }
                if inRHS.contains(element), let next = nextShared, next != element {
                    l += 1
                    continue
                }
            }
            if l < lhs.count {
                let element = lhs[l].element
                if !inRHS.contains(element) {
                    out.append(lhs[l].item)
                    l += 1
                    continue
                } else if merged.contains(element) {
                    l += 1
                }
            }
            if r < rhs.count {
                let element = rhs[r].element
                merged.insert(element)
                if let item = merge(observedLHS[element], rhs[r].item, schema: schema) { out.append(item) }
                r += 1
                if nextShared == element { nextShared = shared.popFirst() }
            }
        }
        return out
    }

    // MARK: compare (typed.Compare)

    struct Comparison {
        var added = Set<FieldPath>()
        var modified = Set<FieldPath>()
        var removed = Set<FieldPath>()
    }

    static func compare(_ old: JSONValue?, _ new: JSONValue?, schema: ApplySchema) -> Comparison {
        var result = Comparison()
        compare(old, new, schema: schema, path: FieldPath([]), into: &result)
        return result
    }

    private static func compare(
        _ old: JSONValue?, _ new: JSONValue?, schema: ApplySchema, path: FieldPath, into result: inout Comparison
    ) {
        // Equal values add nothing. A write shares every untouched subtree with the stored
        // object, and shared objects and arrays compare equal without a walk.
        if let old, let new, old == new { return }
        compareUnequal(old, new, schema: schema, path: path, into: &result)
    }

    /// `compare` of values known to differ: an object's members are compared before they are
    /// walked, so a changed subtree is not compared again at every level below.
    private static func compareUnequal(
        _ old: JSONValue?, _ new: JSONValue?, schema: ApplySchema, path: FieldPath, into result: inout Comparison
    ) {
        switch (old ?? new, new ?? old) {
        case (.object, .object) where !schema.isAtomic:
            if old == nil { result.added.insert(path) } else if new == nil { result.removed.insert(path) }
            let oldMembers = old?.objectValue ?? [:]
            let newMembers = new?.objectValue ?? [:]
            // Equal members are skipped before their path is built: most of an update's
            // members are untouched.
            oldMembers.forEachPairedByKey(with: newMembers) { key, before, after in
                if before == after { return }
                compareUnequal(before, after, schema: schema.child(key), path: path.appending(.field(key)), into: &result)
            }
        case (.array(let a), .array(let b)):
            guard let lhs = name(old == nil ? [] : a, schema: schema), let rhs = name(new == nil ? [] : b, schema: schema) else {
                compareLeaf(old, new, path: path, into: &result)
                return
            }
            if old == nil { result.added.insert(path) } else if new == nil { result.removed.insert(path) }
            compareItems(lhs, rhs, schema: schema.itemSchema, path: path, into: &result)
        default:
            compareLeaf(old, new, path: path, into: &result)
        }
    }

    private static func compareItems(
        _ lhs: [(element: FieldPathElement, item: JSONValue)], _ rhs: [(element: FieldPathElement, item: JSONValue)],
        schema: ApplySchema, path: FieldPath, into result: inout Comparison
    ) {
        var left: [FieldPathElement: [JSONValue]] = [:]
        var right: [FieldPathElement: [JSONValue]] = [:]
        for (element, item) in lhs { left[element, default: []].append(item) }
        for (element, item) in rhs { right[element, default: []].append(item) }
        for element in Set(left.keys).union(right.keys) {
            let l = left[element] ?? []
            let r = right[element] ?? []
            let itemPath = path.appending(element)
            switch (l.count, r.count) {
            case (0...1, 0...1):
                compare(l.first, r.first, schema: schema, path: itemPath, into: &result)
            case (2..., 2...):
                if l != r { result.modified.insert(itemPath) }
            case (2..., _):
                if let item = r.first { compare(nil, item, schema: schema, path: itemPath, into: &result) }
                result.removed.insert(itemPath)
            default:
                if let item = l.first { compare(item, nil, schema: schema, path: itemPath, into: &result) }
                result.added.insert(itemPath)
            }
        }
    }

    private static func compareLeaf(_ old: JSONValue?, _ new: JSONValue?, path: FieldPath, into result: inout Comparison) {
        if old == nil {
            result.added.insert(path)
        } else if new == nil {
            result.removed.insert(path)
        } else if old != new {
            result.modified.insert(path)
        }
    }

    // MARK: removal (typed.RemoveItems)

    /// Removes the field, map entry or list item at `path`; false when there is nothing there.
    @discardableResult
    static func remove(_ path: ArraySlice<FieldPathElement>, from value: inout JSONValue, schema: ApplySchema) -> Bool {
        guard let first = path.first else { return false }
        let rest = path.dropFirst()
        switch (value, first) {
        case (.object(var members), .field(let key)):
            guard var child = members[key] else { return false }
            if rest.isEmpty {
                members[key] = nil
            } else {
                guard remove(rest, from: &child, schema: schema.child(key)) else { return false }
                members[key] = child
            }
            value = .object(members)
            return true
        case (.array(var items), _):
            guard let named = name(items, schema: schema), let index = named.firstIndex(where: { $0.element == first })
            else { return false }
            if rest.isEmpty {
                items.remove(at: index)
            } else {
                guard remove(rest, from: &items[index], schema: schema.itemSchema) else { return false }
            }
            value = .array(items)
            return true
        default:
            return false
        }
    }

    static func value(at path: ArraySlice<FieldPathElement>, in value: JSONValue, schema: ApplySchema) -> JSONValue? {
        guard let first = path.first else { return value }
        switch (value, first) {
        case (.object(let members), .field(let key)):
            return members[key].flatMap { self.value(at: path.dropFirst(), in: $0, schema: schema.child(key)) }
        case (.array(let items), _):
            guard let named = name(items, schema: schema), let match = named.first(where: { $0.element == first }) else {
                return nil
            }
            return self.value(at: path.dropFirst(), in: match.item, schema: schema.itemSchema)
        default:
            return nil
        }
    }
}
