import Foundation
import KubeClient
import KubeModel
import Logging
import ShardProtocol
import VMServiceCore
import ZeroMQ

/// The active coordinator: keeps the `ClusterCache` in step with the API server, owns the
/// `ShardMap`, and talks to the workers through the `ShardServer`.
///
/// Everything that changes state — reflector events, worker frames, heartbeat ticks — runs
/// on this actor one at a time, so the cache, the map and what was sent always agree.
/// Reflector events wait here (`ingest` suspends) while a worker has too much unsent work:
/// the watch is read no faster than the workers apply it, and nothing is dropped.
public actor Coordinator {
    public let config: CoordinatorConfig
    /// Changes on every start, so workers recognise a new coordinator and resynchronise.
    public nonisolated let instance = UUID().uuidString
    let server: ShardServer
    let codec: ShardCodec
    let chunker: SnapshotChunker
    let logger: Logger
    var cache: ClusterCache
    var map: ShardMap
    var scope: NamespaceScope
    /// Resources whose first list has not arrived yet. Until every one has, no namespace is
    /// assigned: a snapshot of a half-listed cache (VirtualMachineServices and Endpoints
    /// listed, VMs not yet) would have its worker empty good Endpoints, which is exactly
    /// what a restarted operator must never do (controller-runtime waits for its caches
    /// to sync for the same reason).
    var awaitedLists: Set<String>
    /// Namespaces reported as beyond the workers' capacity (logged once each).
    var overCapacity: Set<String> = []
    /// Refused shard peers already logged, as "reason address".
    var refusedPeers: Set<String> = []
    static let refusedPeersLogged = 1024
    /// Encoded changes per namespace waiting for their owner's credit.
    var pending: [String: [ShardChange]] = [:]
    var creditWaiters: [CheckedContinuation<Void, Never>] = []
    var stopping = false
    public internal(set) var counters = CoordinatorCounters()
    /// Where workers can connect, once `run` has bound the socket.
    public private(set) var endpoint: String?

    public nonisolated let events: AsyncStream<CoordinatorEvent>
    let eventSink: AsyncStream<CoordinatorEvent>.Continuation
    private nonisolated let stopSignal: AsyncStream<Void>.Continuation
    private let stopped: AsyncStream<Void>

    public init(config: CoordinatorConfig) throws {
        self.config = config
        self.logger = config.logger
        let context = try config.context ?? ZMQContext()
        codec = ShardCodec(maxFrameBytes: config.maxFrameBytes)
        chunker = SnapshotChunker(maxFrameBytes: config.maxFrameBytes)
        server = try ShardServer(context: context, listen: config.listen, codec: codec, logger: config.logger, security: config.shardSecurity)
        cache = ClusterCache(logger: config.logger)
        scope = NamespaceScope(selector: config.namespaceSelector)
        awaitedLists = config.awaitedLists ?? config.watchedResources
        // Epochs start at the wall clock in milliseconds, so a restarted coordinator never
        // hands out an epoch its predecessor already used.
        map = ShardMap(
            heartbeatInterval: config.heartbeatInterval, liveness: config.heartbeatLiveness,
            firstEpoch: UInt64(max(1, Date().timeIntervalSince1970 * 1000)))
        (events, eventSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        (stopped, stopSignal) = AsyncStream.makeStream()
    }

    /// Listens, lists and watches, and serves workers until `shutdown()`.
    public func run() async throws {
        let endpoint = try await server.start()
        self.endpoint = endpoint
        logger.info("coordinator listening", metadata: ["endpoint": "\(endpoint)", "instance": "\(instance)"])
        eventSink.yield(.listening(endpoint: endpoint))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for await item in self.server.inbound { await self.receive(item) } }
            group.addTask { await self.beat() }
            group.addTask { for await _ in self.stopped {} }
            if let client = config.kubeClient {
                let vmServices = VirtualMachineService.resource(version: config.vmServiceVersion)
                group.addTask { await self.reflect(VirtualMachine.self, client) { await $0.ingest($1) } }
                group.addTask {
                    await self.reflect(VirtualMachineService.self, client, at: vmServices) { await $0.ingest($1) }
                }
                group.addTask { await self.reflect(Service.self, client) { await $0.ingest($1) } }
                group.addTask { await self.reflect(Endpoints.self, client) { await $0.ingest($1) } }
                group.addTask {
                    await self.reflect(
                        EndpointSlice.self, client, labelSelector: EndpointSliceConstants.managedBySelector
                    ) { await $0.ingest($1) }
                }
                if config.namespaceSelector != nil {
                    group.addTask { await self.reflectNamespaces(client) }
                }
            }
            _ = await group.next()
            stopping = true
            server.stop()
            resumeCreditWaiters()
            group.cancelAll()
        }
        eventSink.finish()
    }

    /// Ends `run`: the socket closes and the reflectors stop. Safe from any thread.
    public nonisolated func shutdown() {
        stopSignal.finish()
    }

    // MARK: Reflector events

    public func ingest(_ event: ReflectorEvent<LenientObject<VirtualMachine>>) async {
        await forward(cache.apply(event))
        noteListed(event)
    }

    public func ingest(_ event: ReflectorEvent<LenientObject<VirtualMachineService>>) async {
        await forward(cache.apply(event))
        noteListed(event)
    }

    public func ingest(_ event: ReflectorEvent<LenientObject<Service>>) async {
        await forward(cache.apply(event))
        noteListed(event)
    }

    public func ingest(_ event: ReflectorEvent<LenientObject<Endpoints>>) async {
        await forward(cache.apply(event))
        noteListed(event)
    }

    public func ingest(_ event: ReflectorEvent<LenientObject<EndpointSlice>>) async {
        await forward(cache.apply(event))
        noteListed(event)
    }

    /// A reflector's first list has arrived; once every awaited list has, the namespaces
    /// with a VirtualMachineService get their owners.
    func noteListed<Object: KubernetesObject>(_ event: ReflectorEvent<Object>) {
        guard case .replaced = event, !awaitedLists.isEmpty,
            awaitedLists.remove(Object.resource.resource) != nil, awaitedLists.isEmpty
        else { return }
        logger.info("caches synced; assigning namespaces", metadata: ["namespaces": "\(cache.activeNamespaces.count)"])
        rebalanceAll()
    }

    /// Current owner and epoch of each namespace.
    public var assignments: [String: ShardMap.Ownership] { map.owners }

    private nonisolated func reflect<Object: KubernetesObject>(
        _ type: Object.Type, _ client: KubeClient, at resource: ResourceDescriptor = Object.resource,
        labelSelector: String? = nil,
        ingest: @escaping @Sendable (Coordinator, ReflectorEvent<LenientObject<Object>>) async -> Void
    ) async {
        var options: Reflector<LenientObject<Object>>.Options = options(resource)
        options.labelSelector = labelSelector
        let reflector = Reflector<LenientObject<Object>>(client: client, options: options, logger: logger)
        for await event in reflector.events() {
            await ingest(self, event)
        }
    }

    private nonisolated func reflectNamespaces(_ client: KubeClient) async {
        let reflector = Reflector<Namespace>(client: client, options: options(Namespace.resource), logger: logger)
        for await event in reflector.events() {
            await ingest(event)
        }
    }

    /// Lists and watches `resource`, counting the reflector's restarts.
    private nonisolated func options<Object: KubernetesObject>(
        _ resource: ResourceDescriptor
    ) -> Reflector<Object>.Options {
        Reflector<Object>.Options(
            resource: resource,
            onRestart: { reason in Task { await self.countRestart(of: resource.resource, reason) } })
    }

    private func countRestart(of resource: String, _ reason: ReflectorRestart) {
        counters.reflectorRestarts[.init(resource: resource, reason: reason), default: 0] += 1
    }

    /// Queues changes for the owners of their namespaces, assigns namespaces that just
    /// became active, sends what credit allows, and waits while an owner is backlogged.
    private func forward(_ changes: [NamespacedChange]) async {
        guard !changes.isEmpty else { return }
        var touched: [String] = []
        let observed = UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
        for change in changes {
            if touched.last != change.namespace { touched.append(change.namespace) }
            guard let ownership = map.owners[change.namespace], !ownership.revoking else { continue }
            var message = WireEncoding.change(change.change)
            message.observedUnixMicros = observed
            pending[change.namespace, default: []].append(message)
        }
        let unowned = touched.filter { map.owners[$0] == nil && wants($0) }
        execute(map.rebalance(unowned))
        for namespace in touched { flush(namespace) }
        var paused = false
        while !stopping, let namespace = touched.first(where: isBacklogged) {
            if !paused {
                counters.backPressurePauses += 1
                eventSink.yield(.backPressure(namespace: namespace, worker: map.owners[namespace]?.worker ?? ""))
            }
            paused = true
            await withCheckedContinuation { creditWaiters.append($0) }
        }
    }

    private func isBacklogged(_ namespace: String) -> Bool {
        guard let worker = map.owners[namespace]?.worker else { return false }
        let waiting = pending.reduce(0) { $0 + (map.owners[$1.key]?.worker == worker ? $1.value.count : 0) }
        return waiting > config.maxPendingChangesPerWorker
    }

    func resumeCreditWaiters() {
        let waiters = creditWaiters
        creditWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    // MARK: Heartbeats

    /// Sends heartbeats and declares silent workers dead, every interval.
    private func beat() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: config.heartbeatInterval)
            tick(now: .now)
        }
    }

    func tick(now: ContinuousClock.Instant) {
        var heartbeat = ShardHeartbeat()
        heartbeat.sentUnixMs = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        for worker in map.liveWorkers {
            server.send(to: worker, .heartbeat(heartbeat))
            if let received = server.lastReceived(from: worker) { map.heard(from: worker, now: received) }
        }
        let dead = map.expire(now: now)
        guard !dead.isEmpty else { return }
        server.forgetReceipts(of: dead)
        for worker in dead {
            logger.warning("worker missed its heartbeats; moving its namespaces", metadata: ["worker": "\(worker)"])
            eventSink.yield(.workerDead(worker))
        }
        rebalanceAll()
        resumeCreditWaiters()
    }
}
