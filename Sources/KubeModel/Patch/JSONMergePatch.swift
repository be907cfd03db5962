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

    /// The smallest merge patch that turns `original` into `modified`, or nil when they are equal.
    ///
    /// Keys only in `original` become `null`, changed objects are diffed recursively and anything
    /// else (lists included) is sent whole. RFC 7386 cannot express a `null` stored as an object
    /// member, so for such a `modified` the patch removes the key instead.
    public static func create(from original: JSONValue, to modified: JSONValue) -> JSONValue? {
        guard original != modified else { return nil }
        guard case .object(let old) = original, case .object(let new) = modified else { return modified }
        var patch: [String: JSONValue] = [:]
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
