import KubeModel

extension ResourceVerbs {
    /// Server-side apply: the configuration merged into the live object (or creating it),
    /// field ownership per manager, 409 on conflicts unless `force`.
    func apply(_ name: String) throws -> APIResponse {
        guard let manager = request.query["fieldManager"], !manager.isEmpty else {
            throw APIError.invalid(
                kind: type.kind, group: type.group, name: name,
                errors: [.required("metadata.managedFields.fieldManager", "is required for apply patch")])
        }
        var applied = try RequestBody.decode(request.body, contentType: PatchKind.apply.rawValue)
        guard case .object = applied else { throw APIError.badRequest("error decoding YAML: the applied configuration is not an object") }
        if applied.name.isEmpty { applied.setMetadata("name", .string(name)) }
        guard applied.name == name else {
            throw APIError.badRequest("the name of the object (\(applied.name)) does not match the name on the URL (\(name))")
        }
        let force = request.flag("force")
        var options = writeOptions
        let written = try write { state -> (JSONValue, Bool) in
            let live = state.store.get(type.groupResource, key)
            let result: (object: JSONValue, managedFields: ManagedFieldSet)
            do {
                result = try ServerSideApply.apply(
                    applied: applied, to: live, manager: manager, force: force,
                    managedFields: ManagedFieldSet(json: live), schema: type.applySchema, time: state.now.description,
                    subresource: route.subresource)
            } catch let error as ApplyConflicts {
                throw APIError(
                    code: error.httpStatus, reason: error.statusReason, message: error.message,
                    details: StatusDetails(
                        causes: error.causes.map { StatusCause(reason: "FieldManagerConflict", message: $0.message, field: $0.field) }))
            }
            options.managedFields = result.managedFields
            guard let live else {
                return (try state.create(type, namespace: key.namespace, result.object, options: options), true)
            }
            return (try state.update(type, key, result.object, old: live, options: options), false)
        }
        return respond(
            written.value.0, status: written.value.1 ? 201 : 200, warnings: written.warnings, encoded: written.encoded)
    }
}
