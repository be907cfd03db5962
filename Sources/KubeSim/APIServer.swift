import KubeModel
import Synchronization

/// The API semantics behind the HTTP front end: routes a request, runs it against the
/// state under one lock, and renders the answer.
final class APIServer: Sendable {
    let state: Mutex<ServerState>
    let configuration: KubeSimConfiguration
    let clock: @Sendable () -> MicroTime
    /// Runs work after a delay in milliseconds, off the request path (the garbage
    /// collector's "shortly after", the load-balancer delay).
    private let schedule: @Sendable (Int, @escaping @Sendable () -> Void) -> Void
    private let collectionScheduled = Mutex(false)
    let followUps: FollowUpSignal
    let faults: Mutex<FaultConfiguration>
    let requestCounts = RequestCounts()
    /// The last encoding of recently updated objects, for their next update to reuse.
    let encodings = EncodedLayoutCache()
    let watchFlushQueues = WatchFlushQueues()
    /// Authentication and authorization, installed by `KubeSim.start()`; nil serves everyone.
    let accessControl = Mutex<AccessControl?>(nil)

    init(
        configuration: KubeSimConfiguration, clock: @escaping @Sendable () -> MicroTime,
        schedule: @escaping @Sendable (Int, @escaping @Sendable () -> Void) -> Void
    ) {
        self.configuration = configuration
        self.clock = clock
        self.schedule = schedule
        faults = Mutex(configuration.faults)
        let followUps = FollowUpSignal()
        self.followUps = followUps
        state = Mutex(ServerState(configuration: configuration, clock: clock, followUps: followUps))
    }

    func handle(_ request: APIRequest) -> APIResponse {
        let route = Route(segments: request.segments)
        if let denial = accessControl.withLock({ $0 })?.denial(for: request, route: route) {
            // Counted, so that tests can assert that a least-privilege role set was enough.
            if case .resource(let resource) = route { requestCounts.record(resource, request, code: denial.code) }
            return .error(denial)
        }
        do {
            switch route {
            case .version:
                return .json(DiscoveryDocuments.version)
            case .health:
                return .body(status: 200, contentType: "text/plain; charset=utf-8", bytes: Array("ok".utf8), headers: [])
            case .legacyRoot, .groupsRoot, .group, .groupVersion, .openAPIv2, .openAPIv3Root, .openAPIv3:
                return try discovery(route, request)
            case .resource(let route):
                let response = handleResource(route, request)
                requestCounts.record(route, request, code: response.status)
                return response
            case .admin(let action):
                return try admin(action, request)
            case .notFound:
                throw APIError.pathNotFound
            }
        } catch let error as APIError {
            return .error(error)
        } catch {
            return .error(.internal("\(error)"))
        }
    }

    private func handleResource(_ route: Route.ResourceRoute, _ request: APIRequest) -> APIResponse {
        do {
            let faults = self.faults.withLock { $0 }
            if let failure = faults.failure(
                for: request, resource: GroupResource(group: route.group, resource: route.resource), name: route.name)
            {
                throw failure
            }
            let response = try ResourceHandler(server: self, route: route, request: request).handle()
            if request.method != "GET" { scheduleFollowUps() }
            return response
        } catch let error as APIError {
            return .error(error)
        } catch {
            return .error(.internal("\(error)"))
        }
    }

    private func discovery(_ route: Route, _ request: APIRequest) throws -> APIResponse {
        let registry = state.withLock { $0.registry }
        let documents = DiscoveryDocuments(registry: registry)
        let aggregated = request.accept.contains("as=APIGroupDiscoveryList")
        switch route {
        case .legacyRoot:
            return aggregated ? .aggregated(documents.aggregated(legacy: true)) : .json(documents.legacyVersions)
        case .groupsRoot:
            return aggregated ? .aggregated(documents.aggregated(legacy: false)) : .json(documents.groupList)
        case .group(let name):
            guard let group = documents.group(name) else { throw APIError.pathNotFound }
            return .json(group)
        case .groupVersion(let group, let version):
            guard let list = documents.resourceList(group: group, version: version) else { throw APIError.pathNotFound }
            return .json(list)
        case .openAPIv2:
            return .json(OpenAPIDocuments.v2)
        case .openAPIv3Root:
            return .json(OpenAPIDocuments(registry: registry).v3Root)
        case .openAPIv3(let groupVersion):
            guard let document = OpenAPIDocuments(registry: registry).v3(groupVersion: groupVersion) else {
                throw APIError.pathNotFound
            }
            return .json(document)
        default:
            throw APIError.pathNotFound
        }
    }

    /// `/admin/faults` (GET, or PUT/PATCH a JSON object of changes), `/admin/compact`
    /// (POST: forget the history; open watches and older resource versions get 410) and `/admin/requests`
    /// (GET the request counts, DELETE to reset them).
    private func admin(_ action: String, _ request: APIRequest) throws -> APIResponse {
        switch (action, request.method) {
        case ("faults", "GET"):
            return .json(faults.withLock { $0.json })
        case ("faults", "PUT"), ("faults", "PATCH"), ("faults", "POST"):
            let patch = try RequestBody.decode(request.body, contentType: "application/json")
            return .json(faults.withLock { current in
                current = current.merging(patch)
                return current.json
            })
        case ("requests", "GET"):
            return .json(requestCounts.json)
        case ("requests", "DELETE"):
            requestCounts.reset()
            return .json(requestCounts.json)
        case ("compact", "POST"):
            return .json(["compactedRevision": .number(Double(compact()))])
        default:
            throw APIError.pathNotFound
        }
    }

    /// Forgets the history and ends every open watch with a 410 ERROR event, as if the
    /// store had been compacted past every watcher: clients must relist. Returns the
    /// compacted revision.
    @discardableResult
    func compact() -> Int {
        let (revision, watchers) = state.withLock { state in
            state.store.compact()
            let all = state.hub.all()
            for watcher in all { state.hub.remove(watcher.id) }
            return (state.store.revision, all)
        }
        let expired = APIError.tooOldResourceVersion(requested: revision, oldest: revision + 1)
        for watcher in watchers {
            watcher.sink.send(WatchEventEncoding.line(type: "ERROR", object: expired.json))
            watcher.sink.finish()
        }
        return revision
    }

    /// Ends every open watch (fault injection: clients must re-watch).
    func dropAllWatches() {
        let watchers = state.withLock { state in
            let all = state.hub.all()
            for watcher in all { state.hub.remove(watcher.id) }
            return all
        }
        for watcher in watchers { watcher.sink.finish() }
    }

    /// After a write: queues the garbage collector and namespace controller if the write left
    /// them work, and the emulated cloud provider if Services wait for an address. One look at
    /// the state for both, and none unless a commit raised the signal: under load every extra
    /// turn of the lock is contended.
    private func scheduleFollowUps() {
        guard followUps.lower() else { return }
        let (collect, delay) = state.withLock { state -> (Bool, Int?) in
            let waiting = state.loadBalancers.flatMap { $0.waiting.isEmpty ? nil : $0 }
            return (!state.pendingCollection.isEmpty, waiting.map { Int($0.delayMicroseconds / 1000) })
        }
        if collect { scheduleCollection() }
        if let delay { provisionLoadBalancers(after: delay) }
    }

    private func scheduleCollection() {
        let first = collectionScheduled.withLock { scheduled in
            defer { scheduled = true }
            return !scheduled
        }
        guard first else { return }
        schedule(0) { [self] in
            collectionScheduled.withLock { $0 = false }
            let more = state.withLock { state -> Bool in
                state.runCollection()
                return !state.pendingCollection.isEmpty
            }
            if more { scheduleCollection() }
        }
    }

    /// Runs the emulated cloud provider for the Services that wait for an address.
    private func provisionLoadBalancers(after delay: Int) {
        schedule(delay) { [self] in
            state.withLock { $0.provisionLoadBalancers() }
        }
    }

    func stopWatch(_ id: Int) {
        _ = state.withLock { $0.hub.remove(id) }
    }

    func sendBookmarks() {
        state.withLock { $0.sendBookmarks() }
    }
}

extension APIResponse {
    static func aggregated(_ value: JSONValue) -> APIResponse {
        .body(
            status: 200, contentType: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
            bytes: JSONWriter.bytes(value), headers: [])
    }
}
