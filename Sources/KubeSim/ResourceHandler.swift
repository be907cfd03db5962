import KubeModel

/// One request on a resource path: resolves the type, checks scope and subresource, and
/// runs the verb the method and query ask for.
struct ResourceHandler {
    let server: APIServer
    let route: Route.ResourceRoute
    let request: APIRequest

    func handle() throws -> APIResponse {
        let type = try server.state.withLock { state -> ResourceType in
            guard let type = state.registry.lookup(group: route.group, version: route.version, resource: route.resource)
            else { throw APIError.pathNotFound }
            return type
        }
        if let sub = route.subresource, !(sub == "status" && type.hasStatus), !(sub == "finalize" && type.resource == "namespaces") {
            throw APIError.pathNotFound
        }
        if !type.namespaced, route.namespace != nil { throw APIError.pathNotFound }
        if type.namespaced, route.name != nil || request.method == "POST", route.namespace == nil {
            throw APIError.pathNotFound
        }
        let verbs = ResourceVerbs(server: server, type: type, route: route, request: request)
        switch (request.method, route.name) {
        case ("GET", nil):
            return request.flag("watch") || route.watchPrefix ? try verbs.watch() : try verbs.list()
        case ("GET", .some(let name)):
            if route.watchPrefix { return try verbs.watch(name: name) }
            return try verbs.get(name)
        case ("POST", nil):
            return try verbs.create()
        case ("PUT", .some(let name)):
            return try verbs.update(name)
        case ("PATCH", .some(let name)):
            return try verbs.patch(name)
        case ("DELETE", .some(let name)):
            return try verbs.delete(name)
        case ("DELETE", nil):
            return try verbs.deleteCollection()
        default:
            throw APIError.methodNotAllowed(request.method)
        }
    }
}
