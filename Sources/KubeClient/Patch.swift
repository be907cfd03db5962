import KubeModel

/// A patch body and its kind, which the API learns from the Content-Type.
public enum Patch: Sendable, Hashable {
    /// RFC 7386 JSON merge patch.
    case merge(JSONValue)
    /// RFC 6902 JSON patch: an array of operations.
    case json([JSONValue])
    /// Kubernetes strategic merge patch (built-in kinds only; CRDs reject it).
    case strategicMerge(JSONValue)
    /// Server-side apply: the full intent of `fieldManager`; `force` takes over conflicting
    /// fields from other managers.
    case apply(JSONValue, fieldManager: String, force: Bool)

    var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        // JSON is YAML, so the body can stay JSON.
        case .apply: "application/apply-patch+yaml"
        }
    }

    var query: [(String, String)] {
        guard case .apply(_, let fieldManager, let force) = self else { return [] }
        return [("fieldManager", fieldManager)] + (force ? [("force", "true")] : [])
    }

    /// `JSONWriter` rather than `JSONEncoder`, which boxes every node: a worker writes a patch
    /// for nearly every change it handles. (Non-finite numbers, which `JSONEncoder` refuses,
    /// are written as null; patches built from our models hold none.)
    var body: [UInt8] {
        switch self {
        case .merge(let value), .strategicMerge(let value), .apply(let value, _, _): JSONWriter.bytes(value)
        case .json(let operations): JSONWriter.bytes(.array(operations))
        }
    }
}
