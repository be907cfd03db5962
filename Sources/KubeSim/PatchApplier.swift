import KubeModel

/// The PATCH content types kube-apiserver understands, each mapped to its algorithm.
enum PatchKind: String, CaseIterable, Sendable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"

    /// Media types offered in the 415 message for a resource.
    static func accepted(for type: ResourceType) -> [String] {
        allCases.filter { $0 != .strategic || type.supportsStrategicMerge }.map(\.rawValue)
    }
}

enum PatchApplier {
    static func kind(contentType: String, type: ResourceType) throws -> PatchKind {
        guard let kind = PatchKind(rawValue: contentType), kind != .strategic || type.supportsStrategicMerge else {
            throw APIError.unsupportedMediaType(contentType, accepted: PatchKind.accepted(for: type))
        }
        return kind
    }

    /// A (non-apply) patch body: JSON whatever the patch type.
    static func decode(_ body: [UInt8]) throws -> JSONValue {
        try RequestBody.decode(body, contentType: "application/json")
    }

    /// Applies a decoded (non-apply) patch to the current object.
    static func apply(_ kind: PatchKind, patch: JSONValue, to current: JSONValue, type: ResourceType) throws -> JSONValue {
        switch kind {
        case .merge:
            guard case .object = patch else {
                throw APIError.badRequest("error decoding patch: json: cannot unmarshal into Go value of type map[string]interface {}")
            }
            do {
                return try JSONMergePatch.applyAsAPIServer(patch, to: current)
            } catch {
                throw APIError(error)
            }
        case .json:
            do {
                return try JSONPatch.apply(patch, to: current)
            } catch {
                throw APIError(error)
            }
        case .strategic:
            return try StrategicMerge.apply(patch, to: current, type: type)
        case .apply:
            throw APIError.unsupportedMediaType(kind.rawValue, accepted: PatchKind.accepted(for: type))
        }
    }
}
