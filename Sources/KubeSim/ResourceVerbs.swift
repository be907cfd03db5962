import Foundation
import KubeModel

/// The verbs on one resource type: get, list, watch, create, update, patch, delete.
struct ResourceVerbs {
    let server: APIServer
    let type: ResourceType
    let route: Route.ResourceRoute
    let request: APIRequest

    var key: ObjectKey { ObjectKey(namespace: type.namespaced ? route.namespace ?? "" : "", name: route.name ?? "") }

    var renderer: ObjectRenderer {
        var table: TableConverter?
        if request.accept.containsBytes("as=Table") {
            table = TableConverter(
                columns: type.columns, includeObject: request.query["includeObject"] ?? "Metadata",
                now: { [clock = server.clock] in clock().microsecondsSince1970 / 1_000_000 })
        }
        return ObjectRenderer(type: type, table: table)
    }

    var writeOptions: ServerState.WriteOptions {
        ServerState.WriteOptions(
            dryRun: request.query["dryRun"] == "All", subresource: route.subresource, fieldManager: fieldManager)
    }

    /// `fieldManager`, else what kube-apiserver derives from the User-Agent (`kubectl/v1.32…`
    /// → `kubectl`).
    var fieldManager: String {
        if let manager = request.query["fieldManager"], !manager.isEmpty { return manager }
        let agent = Self.managerName(userAgent: request.headers["user-agent"] ?? "")
        return agent.isEmpty ? "unknown" : agent
    }

    /// kube-apiserver's `prefixFromUserAgent`: what precedes the first `/`, without
    /// unprintable characters, cut to the 128 bytes a field manager may have.
    static func managerName(userAgent: String) -> String {
        // Every write asks; the usual agent is printable ASCII, taken as it is.
        let product = userAgent.utf8.prefix { $0 != UInt8(ascii: "/") }
        if product.count <= 128, product.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(Substring(product)) }
        var name = ""
        for scalar in userAgent.unicodeScalars {
            if scalar == "/" { break }
            guard isPrintable(scalar) else { continue }
            if name.utf8.count + UTF8.width(scalar) > 128 { break }
            name.unicodeScalars.append(scalar)
        }
        return name
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// The answer with `object`; a write's answer reuses the encoding its commit made when
    /// the client takes the stored form (`encoded` is of the stored object of that revision).
    func respond(_ object: JSONValue, status: Int = 200, warnings: [String] = [], encoded: EncodedObject? = nil)
        -> APIResponse
    {
        let headers = warnings.compactMap { text in Self.warningHeader(text).map { ("Warning", $0) } }
        let renderer = self.renderer
        if let encoded, renderer.isIdentity, object.resourceVersion == String(encoded.revision) {
            return .body(status: status, contentType: "application/json", bytes: encoded.bytes, headers: headers)
        }
        return .json(renderer.render(object), status: status, headers: headers)
    }

    func respond(_ written: Written<JSONValue>, status: Int = 200) -> APIResponse {
        respond(written.value, status: status, warnings: written.warnings, encoded: written.encoded)
    }

    /// `299 - "text"`, the form kube-apiserver's warning headers take (apimachinery's
    /// `NewWarningHeader`); nil for a text with control characters, which it drops rather
    /// than send. Warnings quote what clients wrote (unknown field names), so this is also
    /// what keeps a client's bytes from splitting the response's header.
    static func warningHeader(_ text: String) -> String? {
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return "299 - \"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// What a write returns besides its result: the warnings it produced and the encoding of
    /// the object it stored last.
    struct Written<T: Sendable>: Sendable {
        var value: T
        var warnings: [String]
        var encoded: EncodedObject?
    }

    /// The request's `fieldValidation`: how unknown fields are handled.
    func fieldValidation() throws -> String {
        let directive = request.query["fieldValidation"] ?? "Warn"
        guard ["Strict", "Warn", "Ignore"].contains(directive) else {
            throw APIError.badRequest("fieldValidation must be one of Ignore, Warn, or Strict, got \(directive)")
        }
        return directive
    }

    /// Runs a write under the lock with the request's field validation.
    func write<T: Sendable>(_ body: (inout ServerState) throws -> T) throws -> Written<T> {
        let directive = try fieldValidation()
        return try server.state.withLock { state in
            state.fieldValidation = directive
            state.warnings = []
            state.lastCommitted = nil
            defer {
                state.warnings = []
                state.lastCommitted = nil
            }
            let result = try body(&state)
            return Written(value: result, warnings: state.warnings, encoded: state.lastCommitted)
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
        var metadata: JSONObject = ["resourceVersion": .string(String(result.revision))]
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
        if ResourceStrategies.preparesAlone(type) {
            return respond(try createPreparedAhead(body, namespace: namespace), status: 201)
        }
        let written = try write { try $0.create(type, namespace: namespace, body, options: writeOptions) }
        return respond(written, status: 201)
    }

    func update(_ name: String) throws -> APIResponse {
        let body = try decodeBody()
        if ResourceStrategies.preparesAlone(type), let written = try updatePreparedAhead(name, { _ in body }) {
            return respond(written)
        }
        let written = try write { state -> (JSONValue, Bool) in
            guard let old = state.store.get(type.groupResource, key) else {
                guard type.allowsCreateOnUpdate, route.subresource == nil else {
                    throw APIError.notFound(type.groupResource, name)
                }
                return (try state.create(type, namespace: key.namespace, body, options: writeOptions), true)
            }
            return (try state.update(type, key, body, old: old, options: writeOptions), false)
        }
        return respond(
            written.value.0, status: written.value.1 ? 201 : 200, warnings: written.warnings, encoded: written.encoded)
    }

    func patch(_ name: String) throws -> APIResponse {
        let kind = try PatchApplier.kind(contentType: request.contentType, type: type)
        if kind == .apply { return try apply(name) }
        // Decoded before taking the lock; a malformed patch still answers after the 404 check.
        let patch = Result { try PatchApplier.decode(request.body) }
        if ResourceStrategies.preparesAlone(type),
            let written = try updatePreparedAhead(name, { old in
                try PatchApplier.apply(kind, patch: patch.get(), to: type.fromStorage(old), type: type)
            })
        {
            return respond(written)
        }
        let written = try write { state -> JSONValue in
            guard let old = state.store.get(type.groupResource, key) else {
                throw APIError.notFound(type.groupResource, name)
            }
            let patched = try PatchApplier.apply(kind, patch: patch.get(), to: type.fromStorage(old), type: type)
            return try state.update(type, key, patched, old: old, options: writeOptions)
        }
        return respond(written)
    }

    func decodeBody() throws -> JSONValue {
        let body = try RequestBody.decode(request.body, contentType: request.contentType)
        guard case .object = body else { throw APIError.badRequest("Object 'Kind' is missing in '\(String(decoding: request.body.prefix(200), as: UTF8.self))'") }
        return body
    }
}
