/// JSON merge patch (RFC 7386), the `application/merge-patch+json` patch type.
///
/// kube-apiserver applies these with evanphx/json-patch's `MergePatch`; clients (our KubeClient
/// included) compute them from an old and a new object. Lists are never merged, only replaced,
/// and `null` means "remove this key".
public enum JSONMergePatch {
    /// Applies `patch` to `target` as RFC 7386 section 2 describes.
    ///
    /// A patch that is not an object replaces the target whole. An object patch turns a target
    /// that is not an object into `{}` first, which is also what strips `null`s from values the
    /// patch adds under new keys.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, change) in changes {
            if change == .null {
                members[key] = nil
            } else {
                members[key] = apply(change, to: members[key] ?? .null)
            }
        }
        return .object(members)
    }

    /// Applies `patch` the way kube-apiserver does, with evanphx/json-patch v4's `MergePatch`.
    ///
    /// It differs from RFC 7386 in two corners: a patch that is not an object or a list is
    /// rejected (400 `Invalid JSON Patch`), and a value the patch puts in place of a non-object
    /// (or under a new key) loses the `null` members of the objects inside it, lists included,
    /// except when it is a list replacing an object.
    public static func applyAsAPIServer(_ patch: JSONValue, to document: JSONValue) throws(PatchError) -> JSONValue {
        switch (patch, document) {
        case (.object(let changes), .object(let members)):
            return .object(mergeDocuments(members, changes))
        case (.object, _), (.array, _):
            return pruningNulls(patch)
        default:
            throw PatchError(.badRequest, "Invalid JSON Patch")
        }
    }

    private static func mergeDocuments(_ document: JSONObject, _ patch: JSONObject) -> JSONObject {
        var members = document
        for (key, change) in patch {
            if change == .null {
                members[key] = nil
            } else if let current = members[key], current != .null {
                switch (current, change) {
                case (.object(let old), .object(let new)): members[key] = .object(mergeDocuments(old, new))
                case (.object, _): members[key] = change
                default: members[key] = pruningNulls(change)
                }
            } else {
                members[key] = pruningNulls(change)
            }
        }
        return members
    }

    /// evanphx's `pruneNulls`: drops `null` object members at any depth; list items stay.
    private static func pruningNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.filter { $0.value != .null }.mapValues(pruningNulls))
        case .array(let items): .array(items.map(pruningNulls))
        default: value
        }
    }

    /// The smallest merge patch that turns `original` into `modified`, or nil when they are equal.
    ///
    /// Keys only in `original` become `null`, changed objects are diffed recursively and anything
    /// else (lists included) is sent whole. RFC 7386 cannot express a `null` stored as an object
    /// member, so for such a `modified` the patch removes the key instead.
    public static func create(from original: JSONValue, to modified: JSONValue) -> JSONValue? {
        guard original != modified else { return nil }
        guard case .object(let old) = original, case .object(let new) = modified else { return modified }
        var patch: JSONObject = [:]
        for key in old.keys where new[key] == nil {
            patch[key] = .null
        }
        for (key, value) in new {
            if let previous = old[key] {
                if let change = create(from: previous, to: value) { patch[key] = change }
            } else {
                patch[key] = value
            }
        }
        return .object(patch)
    }
}
