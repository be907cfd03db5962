import KubeModel

/// DELETE of one object or of a collection, with DeleteOptions from the body or the query.
extension ResourceVerbs {
    func delete(_ name: String) throws -> APIResponse {
        let options = try deleteOptions()
        let outcome = try server.state.withLock { try $0.delete(type.groupResource, key, options: options) }
        switch outcome {
        case .pending(let object):
            return respond(object)
        case .deleted(let object):
            if type.returnsDeletedObject { return respond(object) }
            return .json(DeleteResponse.success(object, type: type))
        }
    }

    func deleteCollection() throws -> APIResponse {
        let filter = try ObjectFilter.from(query: request.query, namespace: route.namespace, type: type)
        let options = try deleteOptions()
        let deleted = try server.state.withLock { state -> [JSONValue] in
            let current = try state.list(type, options: ServerState.ListOptions(filter: filter))
            var out: [JSONValue] = []
            for object in current.items {
                let objectKey = ObjectKey(namespace: object.namespace, name: object.name)
                switch try state.delete(type.groupResource, objectKey, options: options) {
                case .pending(let o), .deleted(let o): out.append(o)
                }
            }
            return out
        }
        let revision = server.state.withLock { $0.store.revision }
        return .json(renderer.renderList(deleted, metadata: ["resourceVersion": .string(String(revision))]))
    }

    func deleteOptions() throws -> ServerState.DeleteOptions {
        var options = ServerState.DeleteOptions()
        let body = request.body.isEmpty ? JSONValue.object([:]) : try RequestBody.decode(request.body, contentType: "application/json")
        let policy = body["propagationPolicy"]?.stringValue ?? request.query["propagationPolicy"]
        if let policy {
            guard let parsed = ServerState.Propagation(rawValue: policy) else {
                throw APIError.invalid(
                    kind: "DeleteOptions", group: "", name: "",
                    errors: [.notSupported("propagationPolicy", .string(policy), supported: ["Foreground", "Background", "Orphan", "nil"])])
            }
            options.propagation = parsed
        } else if let orphan = body["orphanDependents"]?.boolValue ?? request.query["orphanDependents"].map({ $0 == "true" }) {
            options.propagation = orphan ? .orphan : .background
        }
        options.preconditionUID = body["preconditions"]?["uid"]?.stringValue
        options.preconditionResourceVersion = body["preconditions"]?["resourceVersion"]?.stringValue
        let dryRun = body["dryRun"]?.arrayValue?.compactMap(\.stringValue) ?? []
        options.dryRun = dryRun.contains("All") || request.query["dryRun"] == "All"
        return options
    }
}

/// The `Status` a DELETE answers with for resources that do not return the object.
enum DeleteResponse {
    static func success(_ object: JSONValue, type: ResourceType) -> JSONValue {
        var details: JSONObject = ["name": .string(object.name), "kind": .string(type.resource), "uid": .string(object.uid)]
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": .object(details)]
    }
}
