import KubeModel

/// Strategic merge patch for the built-in types, with their merge keys.
enum StrategicMerge {
    static func apply(_ patch: JSONValue, to current: JSONValue, type: ResourceType) throws -> JSONValue {
        guard let meta = PatchMeta.builtin(group: type.group, kind: type.kind) else {
            throw APIError.unsupportedMediaType(PatchKind.strategic.rawValue, accepted: PatchKind.accepted(for: type))
        }
        do {
            return try StrategicMergePatch.apply(patch, to: current, meta: meta)
        } catch {
            throw APIError(error)
        }
    }
}
