/// Strategic merge patch, the `application/strategic-merge-patch+json` patch type of built-in
/// resources, applied as apimachinery's `StrategicMergeMapPatch` does on the server.
///
/// Objects merge key by key and `null` deletes; a list merges only where `PatchMeta` says so
/// (by merge key for objects, as a set for primitives) and is replaced otherwise. Directives:
/// `$patch: replace|delete|merge`, `$retainKeys`, `$deleteFromPrimitiveList/<field>` and
/// `$setElementOrder/<field>`. Where the patch's own content is taken verbatim, `null`s and
/// directive keys are dropped, as decoding into the typed object does in kube-apiserver.
public enum StrategicMergePatch {
    /// kube-apiserver answers 415 to a strategic merge patch of a custom resource.
    public static let unsupportedForCustomResources = PatchError(
        .unsupportedMediaType,
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")

    public static func apply(_ patch: JSONValue, to original: JSONValue, meta: PatchMeta) throws(PatchError)
        -> JSONValue
    {
        guard case .object(let changes) = patch else { throw .badJSONDoc }
        let base: JSONObject
        switch original {
        case .null: base = [:]
        case .object(let members): base = members
        default: throw .badJSONDoc
        }
        return .object(try mergeMap(base, changes, meta))
    }

    static let directive = "$patch"
    static let retainKeys = "$retainKeys"
    static let deleteFromPrimitiveList = "$deleteFromPrimitiveList"
    static let setElementOrder = "$setElementOrder"

    static func mergeMap(_ original: JSONObject, _ patch: JSONObject, _ meta: PatchMeta)
        throws(PatchError) -> JSONObject
    {
        var patch = patch
        if let marker = patch[directive] {
            switch marker {
            case "replace":
                patch[directive] = nil
                return adopt(.object(patch))?.objectValue ?? [:]
            case "delete":
                return [:]
            default:
                throw .badPatchType(marker, .object(patch))
            }
        }
        var original = original
        try applyRetainKeys(to: &original, from: &patch)
        try applySetElementOrder(to: &original, from: &patch, meta)
        for key in patch.keys {
            guard let change = patch[key] else { continue }
            var field = key
            let isDeleteList = key.hasPrefix(deleteFromPrimitiveList)
            if isDeleteList {
                field = try fieldName(key, prefix: deleteFromPrimitiveList, error: .badPrimitiveListFormat)
            }
            if change == .null {
                original[field] = nil
                continue
            }
            guard let current = original[field] else {
                if !isDeleteList { original[field] = adopt(change) }
                continue
            }
            let fieldMeta = meta[field]
            switch (current, change) {
            case (.object(let old), .object(let new)):
                original[field] =
                    fieldMeta.strategies.contains(.replace) ? adopt(change) : .object(try mergeMap(old, new, fieldMeta))
            case (.array(let old), .array(let new)):
                if fieldMeta.strategies.contains(.merge) || isDeleteList {
                    original[field] = .array(try mergeList(old, new, fieldMeta, field: field, isDeleteList: isDeleteList))
                } else {
                    original[field] = adopt(change)
                }
            default:
                if isDeleteList && current.goTypeName != change.goTypeName { continue }
                original[field] = adopt(change)
            }
        }
        return original
    }

    /// The patch's own content as the typed object would keep it: no nulls, no directives.
    /// Nil when the value is itself a directive (`{"$patch": ...}`), which apimachinery drops.
    static func adopt(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let members):
            if members[directive] != nil { return nil }
            var kept: JSONObject = [:]
            for (key, member) in members where !isDirective(key) && member != .null {
                if let child = adopt(member) { kept[key] = child }
            }
            return .object(kept)
        case .array(let items):
            return .array(items.compactMap(adopt))
        default:
            return value
        }
    }

    static func isDirective(_ key: String) -> Bool {
        key == directive || key == retainKeys || key.hasPrefix(deleteFromPrimitiveList + "/")
            || key.hasPrefix(setElementOrder + "/")
    }

    /// `$retainKeys`: every key the patch sets must be listed, and unlisted keys are cleared.
    private static func applyRetainKeys(to original: inout JSONObject, from patch: inout JSONObject)
        throws(PatchError)
    {
        guard let listed = patch.removeValue(forKey: retainKeys) else { return }
        guard case .array(let names) = listed else { throw .badRetainKeysFormat }
        let retained = Set(names.compactMap(\.stringValue))
        for (key, value) in patch where value != .null && !key.hasPrefix(deleteFromPrimitiveList)
            && !key.hasPrefix(setElementOrder) && !retained.contains(key)
        {
            throw .badRetainKeysFormat
        }
        original = original.filter { retained.contains($0.key) }
    }

    /// `$setElementOrder/<field>`: merge that field's list now and order it as the directive lists.
    private static func applySetElementOrder(
        to original: inout JSONObject, from patch: inout JSONObject, _ meta: PatchMeta
    ) throws(PatchError) {
        for key in patch.keys where key.hasPrefix(setElementOrder) {
            guard let orderValue = patch.removeValue(forKey: key) else { continue }
            guard case .array(let order) = orderValue else {
                throw .badArgType(expected: "[]interface {}", actual: orderValue)
            }
            let field = try fieldName(key, prefix: setElementOrder, error: .badSetElementOrderFormat)
            let originalList = try list(original[field])
            let patchList = try list(patch[field])
            let fieldMeta = meta[field]
            try validate(patchList ?? [], against: order, mergeKey: fieldMeta.mergeKey)
            let merged: [JSONValue]
            var backing = GoBackingArray(originalList ?? [])
            switch (originalList, patchList) {
            case (let old?, nil):
                merged = old
            case (nil, let new?):
                merged = adopt(.array(new))?.arrayValue ?? []
            case (let old?, let new?):
                merged =
                    fieldMeta.strategies.contains(.merge)
                    ? try mergeList(old, new, fieldMeta, field: field, isDeleteList: false, backing: &backing) : new
            case (nil, nil):
                continue
            }
            let kind = try elementType(originalList ?? [], patchList ?? [])
            let (inPatch, serverOnly) = try partition(merged, by: order, mergeKey: fieldMeta.mergeKey)
            original[field] = .array(
                try ordered(inPatch, serverOnly, patchOrder: order, serverOrder: backing.slots,
                            mergeKey: fieldMeta.mergeKey, kind: kind))
            patch[field] = nil
        }
    }

    private static func list(_ value: JSONValue?) throws(PatchError) -> [JSONValue]? {
        guard let value else { return nil }
        guard case .array(let items) = value else { throw .badArgType(expected: "[]interface {}", actual: value) }
        return items
    }

    /// The field a `$directive/<field>` key names.
    private static func fieldName(_ key: String, prefix: String, error: PatchError)
        throws(PatchError) -> String
    {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else { throw error }
        return String(parts[1])
    }

    /// Each item of the patch list must appear in the `$setElementOrder` list, in the same order.
    private static func validate(_ patchList: [JSONValue], against order: [JSONValue], mergeKey: String?)
        throws(PatchError)
    {
        guard !patchList.isEmpty, !order.isEmpty else { return }
        let items = mergeKey == nil ? patchList : patchList.filter { $0[directive] != "delete" }
        var itemIndex = 0
        var orderIndex = 0
        while itemIndex < items.count && orderIndex < order.count {
            if items[itemIndex][directive] != nil {
                itemIndex += 1
                continue
            }
            if try sameItem(items[itemIndex], order[orderIndex], mergeKey: mergeKey) { itemIndex += 1 }
            orderIndex += 1
        }
        if itemIndex < items.count {
            throw PatchError(
                .internalError,
                "The order in patch list:\n\(JSONValue.array(patchList).goDescription)\n doesn't match "
                    + "\(setElementOrder) list:\n\(JSONValue.array(order).goDescription)\n")
        }
    }

    private static func sameItem(_ left: JSONValue, _ right: JSONValue, mergeKey: String?) throws(PatchError)
        -> Bool
    {
        guard let mergeKey else { return left == right }
        guard case .object(let l) = left else { throw .badArgType(expected: "map[string]interface {}", actual: left) }
        guard case .object(let r) = right else { throw .badArgType(expected: "map[string]interface {}", actual: right) }
        guard let lv = l[mergeKey] else { throw .noMergeKey(left, mergeKey) }
        guard let rv = r[mergeKey] else { throw .noMergeKey(right, mergeKey) }
        return lv == rv
    }
}
