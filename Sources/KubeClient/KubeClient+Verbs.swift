import KubeModel

/// The REST verbs, for any resource. Each comes as a generic version addressed by a
/// `ResourceDescriptor` (decode into any Codable, e.g. `JSONValue` for objects of unknown
/// shape) and a typed version for `KubernetesObject`s, which know their own descriptor.
/// A nil namespace of a namespaced resource means the config's namespace for single objects,
/// and all namespaces for list and watch.
extension KubeClient {
    // MARK: Generic, by descriptor

    public func get<R: Codable & Sendable>(
        _ resource: ResourceDescriptor, name: String, namespace: String? = nil, as type: R.Type
    ) async throws -> R {
        let path = resource.path(namespace: objectNamespace(resource, namespace), name: name)
        return try decode(R.self, from: try await perform(APIRequest(method: "GET", path: path)))
    }

    /// One page; follow `metadata.continue` for the next, or use `listAll`.
    public func list<R: Codable & Sendable & Hashable>(
        _ resource: ResourceDescriptor, namespace: String? = nil, options: ListOptions = ListOptions(), as type: R.Type
    ) async throws -> ObjectList<R> {
        let request = APIRequest(method: "GET", path: resource.path(namespace: namespace), query: options.query)
        return try decode(ObjectList<R>.self, from: try await perform(request))
    }

    /// Every page, concatenated; `metadata.resourceVersion` is the first page's, the version
    /// the whole paginated list is consistent at. When the continue token expires between
    /// pages (410), it falls back to one unpaginated list, as client-go's pager does
    /// (`FullListIfExpired`): otherwise a large collection under heavy writes might never
    /// finish listing.
    public func listAll<R: Codable & Sendable & Hashable>(
        _ resource: ResourceDescriptor, namespace: String? = nil, options: ListOptions = ListOptions(limit: 500),
        as type: R.Type
    ) async throws -> ObjectList<R> {
        var page = try await list(resource, namespace: namespace, options: options, as: R.self)
        var all = page
        while let token = page.metadata.continue, !token.isEmpty {
            var next = options
            next.continueToken = token
            next.resourceVersion = nil
            next.resourceVersionMatch = nil
            do {
                page = try await list(resource, namespace: namespace, options: next, as: R.self)
            } catch KubeAPIError.gone {
                var full = options
                full.limit = 0
                return try await list(resource, namespace: namespace, options: full, as: R.self)
            }
            all.items += page.items
        }
        all.metadata.continue = nil
        all.metadata.remainingItemCount = nil
        return all
    }

    public func create<R: Codable & Sendable>(
        _ object: R, in resource: ResourceDescriptor, namespace: String? = nil, fieldManager: String? = nil
    ) async throws -> R {
        let request = APIRequest(
            method: "POST", path: resource.path(namespace: objectNamespace(resource, namespace)),
            query: fieldManager.map { [("fieldManager", $0)] } ?? [], body: try encode(object),
            contentType: "application/json")
        return try decode(R.self, from: try await perform(request))
    }

    /// PUT of the whole object (or of its status); the object's resourceVersion makes it an
    /// optimistic-concurrency write (409 Conflict when stale).
    public func update<R: Codable & Sendable>(
        _ object: R, in resource: ResourceDescriptor, name: String, namespace: String? = nil,
        subresource: String? = nil, fieldManager: String? = nil
    ) async throws -> R {
        let path = resource.path(namespace: objectNamespace(resource, namespace), name: name, subresource: subresource)
        let request = APIRequest(
            method: "PUT", path: path, query: fieldManager.map { [("fieldManager", $0)] } ?? [],
            body: try encode(object), contentType: "application/json")
        return try decode(R.self, from: try await perform(request))
    }

    public func patch<R: Codable & Sendable>(
        _ resource: ResourceDescriptor, name: String, namespace: String? = nil, patch: Patch,
        subresource: String? = nil, as type: R.Type
    ) async throws -> R {
        let path = resource.path(namespace: objectNamespace(resource, namespace), name: name, subresource: subresource)
        let request = APIRequest(
            method: "PATCH", path: path, query: patch.query, body: patch.body, contentType: patch.contentType)
        return try decode(R.self, from: try await perform(request))
    }

    /// Returns the server's answer: a `Status`, or the object when finalizers keep it alive.
    @discardableResult
    public func delete(
        _ resource: ResourceDescriptor, name: String, namespace: String? = nil,
        options: DeleteOptions = DeleteOptions()
    ) async throws -> JSONValue {
        let request = APIRequest(
            method: "DELETE", path: resource.path(namespace: objectNamespace(resource, namespace), name: name),
            body: try encode(options), contentType: "application/json")
        return try decode(JSONValue.self, from: try await perform(request))
    }

    // MARK: Typed

    public func get<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String? = nil) async throws -> T {
        try await get(T.resource, name: name, namespace: namespace, as: T.self)
    }

    public func list<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<T> {
        try await list(T.resource, namespace: namespace, options: options, as: T.self)
    }

    public func listAll<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions(limit: 500)
    ) async throws -> ObjectList<T> {
        try await listAll(T.resource, namespace: namespace, options: options, as: T.self)
    }

    public func create<T: KubernetesObject>(_ object: T, fieldManager: String? = nil) async throws -> T {
        try await create(object, in: T.resource, namespace: object.metadata.namespace, fieldManager: fieldManager)
    }

    public func update<T: KubernetesObject>(_ object: T, fieldManager: String? = nil) async throws -> T {
        try await update(
            object, in: T.resource, name: object.name, namespace: object.metadata.namespace, fieldManager: fieldManager)
    }

    public func updateStatus<T: KubernetesObject>(_ object: T, fieldManager: String? = nil) async throws -> T {
        try await update(
            object, in: T.resource, name: object.name, namespace: object.metadata.namespace, subresource: "status",
            fieldManager: fieldManager)
    }

    public func patch<T: KubernetesObject>(
        _ type: T.Type, name: String, namespace: String? = nil, patch: Patch, subresource: String? = nil
    ) async throws -> T {
        try await self.patch(T.resource, name: name, namespace: namespace, patch: patch, subresource: subresource, as: T.self)
    }

    @discardableResult
    public func delete<T: KubernetesObject>(
        _ type: T.Type, name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()
    ) async throws -> JSONValue {
        try await delete(T.resource, name: name, namespace: namespace, options: options)
    }

    /// The namespace a single-object call addresses.
    private func objectNamespace(_ resource: ResourceDescriptor, _ namespace: String?) -> String? {
        guard resource.namespaced else { return nil }
        return namespace.flatMap { $0.isEmpty ? nil : $0 } ?? config.namespace
    }
}
