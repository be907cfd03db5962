import KubeModel

/// What apiextensions-apiserver does with a custom resource on every write: unknown fields
/// pruned (rejected under `fieldValidation=Strict`, reported under `Warn`), defaults applied,
/// the result validated against the schema (ratcheting against `old` on an update).
/// `unchangedFrom` is `old` when it was itself pruned and defaulted with `schema`: the subtrees
/// the write left as they were are then not walked again.
enum CustomResourceSchema {
    static func apply(
        _ schema: StructuralSchema, to object: inout JSONValue, old: JSONValue?, unchangedFrom settled: JSONValue?,
        type: ResourceType, fieldValidation: String, warnings: inout [String]
    ) throws {
        let (pruned, unknown) = schema.prune(object, unchangedFrom: settled)
        if !unknown.isEmpty {
            switch fieldValidation {
            case "Strict": throw APIError.badRequest(StructuralSchema.strictDecodingMessage(unknown))
            case "Ignore": break
            default: warnings += unknown.map(StructuralSchema.unknownFieldWarning)
            }
        }
        object = schema.applyDefaults(pruned, unchangedFrom: settled)
        try ResourceStrategies.check(schema.validate(object, old: old), object, type)
    }
}
