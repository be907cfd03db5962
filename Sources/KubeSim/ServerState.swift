import KubeModel

/// Everything the API server knows, guarded as one unit by `KubeSimServer`'s lock.
struct ServerState: Sendable {
    var registry: ResourceRegistry
    var store: ObjectStore
    var hub = WatchHub()
    var owners = OwnerIndex()
    var clusterIPs: ClusterIPAllocator
    var nodePorts = NodePortAllocator()
    /// Set when kube-sim plays the cloud provider (`--lb-pool`).
    var loadBalancers: LoadBalancerEmulator?
    /// Work for the garbage collector and the namespace finalizer, run shortly after the
    /// request that caused it (as the real controllers would, asynchronously).
    var pendingCollection: [CollectionWork] = []
    /// Raised by every commit that leaves follow-up work (collection, a Service waiting for a
    /// load balancer), so that the request path looks under the lock only then.
    let followUps: FollowUpSignal
    let clock: @Sendable () -> MicroTime
    /// How the request being served wants unknown fields handled (`fieldValidation`), and the
    /// warnings it collected for the `Warning` response header.
    var fieldValidation = "Warn"
    var warnings: [String] = []
    /// The object the last commit stored (nil after a deletion), for the response.
    var lastCommitted: EncodedObject?

    init(configuration: KubeSimConfiguration, clock: @escaping @Sendable () -> MicroTime, followUps: FollowUpSignal) {
        self.followUps = followUps
        registry = ResourceRegistry(builtins: BuiltinResources.all)
        store = ObjectStore(historyCapacity: configuration.historySize)
        clusterIPs = ClusterIPAllocator(ranges: configuration.serviceCIDRs)
        loadBalancers = configuration.loadBalancerPool.flatMap {
            LoadBalancerEmulator(cidr: $0, delayMilliseconds: configuration.loadBalancerDelayMilliseconds)
        }
        self.clock = clock
    }

    /// Applies the side effects every committed change has: indexes, watchers, follow-up work.
    /// `template` is the stored object's encoding made ahead, if any.
    mutating func commit(_ event: StoreEvent, template: EncodedTemplate? = nil) {
        owners.apply(event)
        let encoded = template?.bytes(revision: event.revision) ?? JSONWriter.bytes(event.object)
        lastCommitted = event.kind == .deleted ? nil : EncodedObject(revision: event.revision, bytes: encoded)
        hub.dispatch(event, encodedObject: encoded)
        ObjectLifecycle.scheduleFollowUps(for: event, into: &pendingCollection, owners: owners)
        ResourceStrategies.afterCommit(event, state: &self)
        if !pendingCollection.isEmpty || loadBalancers?.waiting.isEmpty == false { followUps.raise() }
    }

    @discardableResult
    mutating func put(_ type: ResourceType, _ key: ObjectKey, _ object: JSONValue, encoded: EncodedTemplate? = nil)
        -> StoreEvent
    {
        let event = store.put(type.groupResource, key, object)
        commit(event, template: encoded)
        return event
    }

    @discardableResult
    mutating func remove(_ resource: GroupResource, _ key: ObjectKey) -> StoreEvent? {
        guard let event = store.remove(resource, key) else { return nil }
        commit(event)
        return event
    }
}

extension ServerState {
    /// Now, at the second precision of `creationTimestamp`.
    var now: Time { Time(secondsSince1970: clock().microsecondsSince1970 / 1_000_000) }
}
