import Foundation
import KubeModel

/// The verbs on one resource type: get, list, watch, create, update, patch, delete.
struct ResourceVerbs {
    let server: APIServer
    let type: ResourceType
    let route: Route.ResourceRoute
    let request: APIRequest

    private var key: ObjectKey { ObjectKey(namespace: type.namespaced ? route.namespace ?? "" : "", name: route.name ?? "") }

    private var renderer: ObjectRenderer {
        var table: TableConverter?
        if request.accept.contains("as=Table") {
            table = TableConverter(
                columns: type.columns, includeObject: request.query["includeObject"] ?? "Metadata",
                now: { [clock = server.clock] in clock().microsecondsSince1970 / 1_000_000 })
        }
        return ObjectRenderer(type: type, table: table)
    }

    private var writeOptions: ServerState.WriteOptions {
        ServerState.WriteOptions(
            dryRun: request.query["dryRun"] == "All", subresource: route.subresource, fieldManager: fieldManager)
    }

    /// `fieldManager`, else what kube-apiserver derives from the User-Agent (`kubectl/v1.32…`
    /// → `kubectl`).
    private var fieldManager: String {
        if let manager = request.query["fieldManager"], !manager.isEmpty { return manager }
        let agent = request.headers["user-agent"]?.split(separator: "/").first.map(String.init) ?? ""
        return agent.isEmpty ? "unknown" : agent
    }

    private func respond(_ object: JSONValue, status: Int = 200, warnings: [String] = []) -> APIResponse {
        .json(renderer.render(object), status: status, headers: warnings.map { ("Warning", Self.warningHeader($0)) })
    }

    /// `299 - "text"`, the form kube-apiserver's warning headers take.
    static func warningHeader(_ text: String) -> String {
        "299 - \"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Runs a write under the lock with the request's field validation, returning the
    /// result and the warnings it produced.
    private func write<T: Sendable>(_ body: (inout ServerState) throws -> T) throws -> (T, [String]) {
        let directive = request.query["fieldValidation"] ?? "Warn"
        guard ["Strict", "Warn", "Ignore"].contains(directive) else {
            throw APIError.badRequest("fieldValidation must be one of Ignore, Warn, or Strict, got \(directive)")
        }
        return try server.state.withLock { state in
            state.fieldValidation = directive
            state.warnings = []
            defer { state.warnings = [] }
            let result = try body(&state)
            return (result, state.warnings)
        }
    }

    func get(_ name: String) throws -> APIResponse {
        let object = try server.state.withLock { state -> JSONValue in
            guard let object = state.store.get(type.groupResource, key) else {
                throw APIError.notFound(type.groupResource, name)
            }
            return object
        }
        return respond(object)
    }

    func list() throws -> APIResponse {
        let filter = try ObjectFilter.from(query: request.query, namespace: route.namespace, type: type)
        let options = ServerState.ListOptions(
            filter: filter, limit: request.query["limit"].flatMap { Int($0) },
            continueToken: request.query["continue"], resourceVersion: request.query["resourceVersion"],
            resourceVersionMatch: request.query["resourceVersionMatch"])
        let result = try server.state.withLock { try $0.list(type, options: options) }
        var metadata: [String: JSONValue] = ["resourceVersion": .string(String(result.revision))]
        if let token = result.continueToken { metadata["continue"] = .string(token) }
        if let remaining = result.remainingItemCount { metadata["remainingItemCount"] = .number(Double(remaining)) }
        return .json(renderer.renderList(result.items, metadata: .object(metadata)))
    }

    func watch(name: String? = nil) throws -> APIResponse {
        var filter = try ObjectFilter.from(query: request.query, namespace: route.namespace, type: type)
        if let name {
            let term = FieldSelector.Term(field: "metadata.name", value: name)
            filter.fields = FieldSelector(terms: (filter.fields?.terms ?? []) + [term])
        }
        if let rv = request.query["resourceVersion"], !rv.isEmpty, Int(rv) == nil {
            throw APIError.badRequest("invalid resource version: strconv.ParseUint: parsing \"\(rv)\": invalid syntax")
        }
        let options = ServerState.WatchOptions(
            resourceVersion: request.query["resourceVersion"],
            sendInitialEvents: request.query["sendInitialEvents"] == "true",
            allowBookmarks: request.flag("allowWatchBookmarks"))
        if options.sendInitialEvents, request.query["resourceVersionMatch"] != "NotOlderThan" {
            throw APIError.invalid(
                kind: "ListOptions", group: "meta.k8s.io", name: "",
                errors: [.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan")])
        }
        let requested = request.query["timeoutSeconds"].flatMap { Int($0) } ?? server.configuration.defaultWatchTimeoutSeconds
        let timeout = min(max(requested, 1), 7 * 86_400)
        let renderer = self.renderer
        let type = self.type
        let selection = filter
        let server = self.server
        return .watch(timeoutSeconds: timeout) { sink in
            server.state.withLock { state in
                state.startWatch(type, filter: selection, renderer: renderer, options: options, sink: sink)
            }
        }
    }

    func create() throws -> APIResponse {
        let body = try decodeBody()
        let namespace = route.namespace ?? ""
        let (object, warnings) = try write { try $0.create(type, namespace: namespace, body, options: writeOptions) }
        return respond(object, status: 201, warnings: warnings)
    }

    func update(_ name: String) throws -> APIResponse {
        let body = try decodeBody()
        let ((object, created), warnings) = try write { state -> (JSONValue, Bool) in
            guard let old = state.store.get(type.groupResource, key) else {
                guard type.allowsCreateOnUpdate, route.subresource == nil else {
                    throw APIError.notFound(type.groupResource, name)
                }
                return (try state.create(type, namespace: key.namespace, body, options: writeOptions), true)
            }
            return (try state.update(type, key, body, old: old, options: writeOptions), false)
        }
        return respond(object, status: created ? 201 : 200, warnings: warnings)
    }

    func patch(_ name: String) throws -> APIResponse {
        let kind = try PatchApplier.kind(contentType: request.contentType, type: type)
        if kind == .apply { return try apply(name) }
        let (object, warnings) = try write { state -> JSONValue in
            guard let old = state.store.get(type.groupResource, key) else {
                throw APIError.notFound(type.groupResource, name)
            }
            let patched = try PatchApplier.apply(kind, body: request.body, to: type.fromStorage(old), type: type)
            return try state.update(type, key, patched, old: old, options: writeOptions)
        }
        return respond(object, warnings: warnings)
    }

    /// Server-side apply: the configuration merged into the live object (or creating it),
    /// field ownership per manager, 409 on conflicts unless `force`.
    private func apply(_ name: String) throws -> APIResponse {
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
        let ((object, created), warnings) = try write { state -> (JSONValue, Bool) in
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
        return respond(object, status: created ? 201 : 200, warnings: warnings)
    }

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

    private func decodeBody() throws -> JSONValue {
        let body = try RequestBody.decode(request.body, contentType: request.contentType)
        guard case .object = body else { throw APIError.badRequest("Object 'Kind' is missing in '\(String(decoding: request.body.prefix(200), as: UTF8.self))'") }
        return body
    }

    private func deleteOptions() throws -> ServerState.DeleteOptions {
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
        var details: [String: JSONValue] = ["name": .string(object.name), "kind": .string(type.resource), "uid": .string(object.uid)]
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": .object(details)]
    }
}
