import KubeModel

/// Everything the API server knows, guarded as one unit by `KubeSimServer`'s lock.
struct ServerState: Sendable {
    var registry: ResourceRegistry
    var store: ObjectStore
    var hub = WatchHub()
    var owners = OwnerIndex()
    var clusterIPs: ClusterIPAllocator
    /// Work for the garbage collector and the namespace finalizer, run shortly after the
    /// request that caused it (as the real controllers would, asynchronously).
    var pendingCollection: [CollectionWork] = []
    let clock: @Sendable () -> SimTime

    init(configuration: KubeSimConfiguration, clock: @escaping @Sendable () -> SimTime) {
        registry = ResourceRegistry(builtins: BuiltinResources.all)
        store = ObjectStore(historyCapacity: configuration.historySize)
        clusterIPs = ClusterIPAllocator(ranges: configuration.serviceCIDRs)
        self.clock = clock
    }

    /// Applies the side effects every committed change has: indexes, watchers, follow-up work.
    mutating func commit(_ event: StoreEvent) {
        owners.apply(event)
        hub.dispatch(event)
        ObjectLifecycle.scheduleFollowUps(for: event, into: &pendingCollection)
        ResourceStrategies.afterCommit(event, state: &self)
    }

    @discardableResult
    mutating func put(_ type: ResourceType, _ key: ObjectKey, _ object: JSONValue) -> StoreEvent {
        let event = store.put(type.groupResource, key, object)
        commit(event)
        return event
    }

    @discardableResult
    mutating func remove(_ resource: GroupResource, _ key: ObjectKey) -> StoreEvent? {
        guard let event = store.remove(resource, key) else { return nil }
        commit(event)
        return event
    }
}
