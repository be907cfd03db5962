/// Merging lists that carry the `merge` strategy, and the ordering rules apimachinery applies
/// to the result: patch items in patch order, server-only items interleaved where they stood.
extension StrategicMergePatch {
    static func mergeList(
        _ original: [JSONValue], _ patch: [JSONValue], _ meta: PatchMeta, field: String, isDeleteList: Bool
    ) throws(PatchError) -> [JSONValue] {
        var backing = GoBackingArray(original)
        return try mergeList(original, patch, meta, field: field, isDeleteList: isDeleteList, backing: &backing)
    }

    /// As above; `backing` ends as the live list's storage after Go's in-place edits.
    static func mergeList(
        _ original: [JSONValue], _ patch: [JSONValue], _ meta: PatchMeta, field: String, isDeleteList: Bool,
        backing: inout GoBackingArray
    ) throws(PatchError) -> [JSONValue] {
        if original.isEmpty && patch.isEmpty { return original }
        let kind = try elementType(original, patch)
        var original = original
        var patch = patch
        let merged: [JSONValue]
        if kind != mapType {
            if isDeleteList { return original.filter { !patch.contains($0) } }
            merged = unique(original + patch)
        } else {
            guard let mergeKey = meta.mergeKey else {
                throw PatchError(.internalError, "cannot merge lists without merge key for \(field)")
            }
            (original, patch) = try applyListDirectives(original, patch, mergeKey: mergeKey, backing: &backing)
            merged = try mergeItems(original, patch, mergeKey: mergeKey, meta, backing: &backing)
        }
        let (inPatch, serverOnly) = try partition(merged, by: patch, mergeKey: kind == mapType ? meta.mergeKey : nil)
        return try ordered(inPatch, serverOnly, patchOrder: patch, serverOrder: original,
                           mergeKey: kind == mapType ? meta.mergeKey : nil, kind: kind)
    }

    static let mapType = "map[string]interface {}"

    /// The one Go type of every element; lists of lists and mixed lists are rejected.
    static func elementType(_ lists: [JSONValue]...) throws(PatchError) -> String {
        var found: String?
        for item in lists.joined() {
            let type = item.goTypeName
            if found == nil {
                if case .array = item { throw .noListOfLists }
                found = type
            } else if found != type {
                let all = JSONValue.array(lists.map(JSONValue.array)).goDescription
                throw PatchError(.internalError, "list element types are not identical: \(all)")
            }
        }
        guard let found else {
            throw PatchError(.internalError, "no elements in any of the given slices")
        }
        return found
    }

    private static func unique(_ items: [JSONValue]) -> [JSONValue] {
        var seen = Set<JSONValue>()
        return items.filter { seen.insert($0).inserted }
    }

    /// Handles `{"$patch": "delete", key: ...}` and `{"$patch": "replace"}` items; returns the
    /// list to merge into and the patch items left to merge.
    private static func applyListDirectives(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, backing: inout GoBackingArray
    ) throws(PatchError) -> ([JSONValue], [JSONValue])
    {
        var original = original
        var plain: [JSONValue] = []
        var replace = false
        for item in patch {
            guard let marker = item[directive] else {
                plain.append(item)
                continue
            }
            switch marker {
            case "delete":
                guard let value = item[mergeKey] else { throw .noMergeKey(item, mergeKey) }
                while let index = original.firstIndex(where: { $0[mergeKey] == value }) {
                    original.remove(at: index)
                    backing.remove(at: index)
                }
            case "replace":
                replace = true
            case "merge":
                throw PatchError(.internalError, "merging lists cannot yet be specified in the patch")
            default:
                throw .badPatchType(marker, item)
            }
        }
        return replace ? (plain, []) : (original, plain)
    }

    /// Merges each patch item into the original item with the same key, or appends it.
    private static func mergeItems(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, _ meta: PatchMeta, backing: inout GoBackingArray
    ) throws(PatchError) -> [JSONValue]
    {
        var result = original
        for item in patch {
            guard case .object(let changes) = item, let value = changes[mergeKey] else { throw .noMergeKey(item, mergeKey) }
            if let index = try firstIndex(in: result, mergeKey: mergeKey, value: value),
                case .object(let existing) = result[index]
            {
                result[index] = .object(try mergeMap(existing, changes, meta))
            } else if let adopted = adopt(item) {
                result.append(adopted)
                backing.append(adopted)
            }
        }
        return result
    }

    private static func firstIndex(in list: [JSONValue], mergeKey: String, value: JSONValue)
        throws(PatchError) -> Int?
    {
        for (index, item) in list.enumerated() {
            guard case .object(let members) = item else {
                throw PatchError(.internalError, "value for key \(index) is not a map")
            }
            if members[mergeKey] == value { return index }
        }
        return nil
    }

    /// Splits `merged` into the items `order` names and the ones only the server has.
    static func partition(_ merged: [JSONValue], by order: [JSONValue], mergeKey: String?)
        throws(PatchError) -> (inPatch: [JSONValue], serverOnly: [JSONValue])
    {
        var inPatch: [JSONValue] = []
        var serverOnly: [JSONValue] = []
        for item in merged {
            let named: Bool
            if let mergeKey {
                guard case .object(let members) = item else {
                    throw .badArgType(expected: "map[string]interface {}", actual: item)
                }
                guard let value = members[mergeKey] else { throw .noMergeKey(item, mergeKey) }
                named = try firstIndex(in: order, mergeKey: mergeKey, value: value) != nil
            } else {
                named = order.contains(item)
            }
            if named { inPatch.append(item) } else { serverOnly.append(item) }
        }
        return (inPatch, serverOnly)
    }

    /// Patch items sorted by the patch order, server-only items by the live order, then the two
    /// interleaved so that each server-only item lands before the first patch item it preceded.
    static func ordered(
        _ inPatch: [JSONValue], _ serverOnly: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue],
        mergeKey: String?, kind: String
    ) throws(PatchError) -> [JSONValue] {
        let key = kind == mapType ? mergeKey : nil
        let right = try sorted(inPatch, by: patchOrder, mergeKey: key)
        let left = try sorted(serverOnly, by: serverOrder, mergeKey: key)
        var result: [JSONValue] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                result.append(right[j])
                j += 1
            } else if j >= right.count {
                result.append(left[i])
                i += 1
            } else if let li = position(of: left[i], in: serverOrder, mergeKey: key),
                let ri = position(of: right[j], in: serverOrder, mergeKey: key), li < ri
            {
                result.append(left[i])
                i += 1
            } else {
                result.append(right[j])
                j += 1
            }
        }
        return result
    }

    private static func sorted(_ items: [JSONValue], by order: [JSONValue], mergeKey: String?)
        throws(PatchError) -> [JSONValue]
    {
        var items = items
        var deletions: [JSONValue] = []
        if let mergeKey {
            for item in items + order {
                guard case .object(let members) = item else {
                    throw .badArgType(expected: "map[string]interface {}", actual: item)
                }
                if members[mergeKey] == nil { throw .noMergeKey(item, mergeKey) }
            }
            deletions = items.filter { $0[directive] == "delete" }
            items.removeAll { $0[directive] == "delete" }
        }
        let ranked = items.enumerated().map { (rank: position(of: $0.element, in: order, mergeKey: mergeKey) ?? Int.max, index: $0.offset, item: $0.element) }
        return ranked.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.item) + deletions
    }

    private static func position(of item: JSONValue, in list: [JSONValue], mergeKey: String?) -> Int? {
        guard let mergeKey else { return list.firstIndex(of: item) }
        let value = item[mergeKey]
        return list.firstIndex { $0[mergeKey] == value }
    }
}

/// The storage behind a Go slice that apimachinery edits with `append(s[:i], s[i+1:]...)` and
/// `append(s, x)`.
///
/// Those edits write into the live list's array, and `$setElementOrder` later reads that array
/// (through the caller's unchanged slice header) as the "server order". Replaying the writes
/// keeps our list order identical to kube-apiserver's when a patch deletes and adds items.
struct GoBackingArray {
    private(set) var slots: [JSONValue]
    private var count: Int

    init(_ items: [JSONValue]) {
        slots = items
        count = items.count
    }

    mutating func remove(at index: Int) {
        guard index < count else { return }
        for j in index..<(count - 1) { slots[j] = slots[j + 1] }
        count -= 1
    }

    mutating func append(_ item: JSONValue) {
        if count < slots.count { slots[count] = item }
        count += 1
    }
}
