import DequeModule
import KubeModel
import Logging
import VMServiceCore

/// A worker process's engine: owns namespace shards, batches their dirty services
/// (`--batch-mode`, see `PassPacer`), and syncs each with `ServiceSyncer`, many services at
/// once but never one service twice at once (spec §13; a service dirtied while it syncs is
/// synced again after).
///
/// Inputs come from the transport through `handle(_:)`; acknowledgements and resync
/// requests go back through `outputs`. Time comes from `clock`, so tests drive the batch
/// pacing and backoff with a manual clock.
public actor Worker<C: Clock> where C.Duration == Duration {
    let clock: C
    let configuration: WorkerConfiguration
    private let syncer: ServiceSyncer
    private let logger: Logger

    private(set) var shards: [String: NamespaceShard] = [:]
    private var pacer: PassPacer<C.Instant>
    /// When the armed timer releases held services; nil while none is armed.
    private var releaseTimer: C.Instant?
    /// Dirty services waiting for a sync slot.
    private var ready = Deque<ServiceKey>()
    private var readySet: Set<ServiceKey> = []
    private var syncing: Set<ServiceKey> = []
    /// Services dirtied while their pass ran, and when they first were (a window starts then).
    private var dirtyWhileSyncing: [ServiceKey: C.Instant] = [:]
    private var backoff: RetryBackoff
    /// Services waiting for a backoff retry. Changes meanwhile are folded into that retry, so
    /// a failing API server is not hit at the batch rate; only a new generation of the
    /// VirtualMachineService (a spec edit) brings the pass forward.
    private var retries: [ServiceKey: C.Instant] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var draining = false
    private var gateRecheckScheduled = false
    var events: EventRecorder
    public internal(set) var metrics = WorkerMetrics()
    let histograms: WorkerHistograms
    var propagation = PropagationTracker()

    public nonisolated let outputs: AsyncStream<WorkerOutput>
    private let output: AsyncStream<WorkerOutput>.Continuation

    public init(
        writer: any KubeWriter, clock: C, configuration: WorkerConfiguration = WorkerConfiguration(),
        logger: Logger = Logger(label: "vmsvc.worker")
    ) {
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        let reconciler = Reconciler(options: configuration.reconcileOptions, provider: configuration.provider)
        self.syncer = ServiceSyncer(reconciler: reconciler, writer: writer, logger: logger)
        self.pacer = PassPacer(period: configuration.batchPeriod, policy: configuration.batchPolicy)
        self.backoff = RetryBackoff(base: configuration.backoffBase, cap: configuration.backoffCap)
        self.events = EventRecorder(instance: configuration.identity)
        self.histograms = WorkerHistograms(worker: configuration.identity, factory: configuration.metricsFactory)
        (outputs, output) = AsyncStream.makeStream()
    }

    // MARK: Inputs

    public func handle(_ input: WorkerInput) {
        if draining {
            guard case .revoke = input else { return }  // stopping writes is still honoured
        }
        switch input {
        case .assign(let namespace, let epoch):
            metrics.inputs["assign", default: 0] += 1
            guard isNewer(epoch, than: shards[namespace]) else { return staleInput(namespace, epoch) }
            // Whatever was known under an older assignment is not trusted: wait for the snapshot.
            shards[namespace] = NamespaceShard(namespace: namespace, epoch: epoch)
        case .snapshot(let snapshot):
            metrics.inputs["snapshot", default: 0] += 1
            let (namespace, epoch) = (snapshot.namespace, snapshot.epoch)
            guard shards[namespace].map({ $0.epoch <= epoch }) ?? true else { return staleInput(namespace, epoch) }
            var shard = NamespaceShard(namespace: namespace, epoch: epoch)
            let dirty = shard.load(snapshot)
            shards[namespace] = shard
            markDirty(dirty, in: namespace)
            output.yield(.ack(namespace: namespace, epoch: epoch, sequence: snapshot.sequence))
        case .delta(let namespace, let epoch, let sequence, let changes, let observedAt):
            metrics.inputs["delta", default: 0] += 1
            metrics.changesReceived += changes.count
            applyDelta(namespace, epoch: epoch, sequence: sequence, changes: changes, observedAt: observedAt)
        case .revoke(let namespace, let epoch):
            metrics.inputs["revoke", default: 0] += 1
            guard let shard = shards[namespace], shard.epoch <= epoch else { return staleInput(namespace, epoch) }
            shards[namespace] = nil
            ready.removeAll { $0.namespace == namespace }
            readySet = readySet.filter { $0.namespace != namespace }
            pacer.forget(namespace: namespace)
            backoff.forget(namespace: namespace)
            propagation.forget(namespace: namespace)
            retries = retries.filter { $0.key.namespace != namespace }
        }
        startSyncs()
        resumeIdleWaiters()
    }

    private func applyDelta(
        _ namespace: String, epoch: UInt64, sequence: UInt64, changes: [NamespaceChange], observedAt: MicroTime?
    ) {
        guard let current = shards[namespace]?.epoch else { return staleInput(namespace, epoch) }
        if current < epoch {
            // A delta of an assignment this worker never saw: the old state is not trusted
            // any more (someone else may have owned the namespace in between).
            var fresh = NamespaceShard(namespace: namespace, epoch: epoch)
            fresh.resyncRequested = true
            shards[namespace] = fresh
            return requestResync(namespace, epoch: epoch)
        }
        guard current == epoch, var shard = shards.removeValue(forKey: namespace) else {
            return staleInput(namespace, epoch)
        }
        // Taken out of the dictionary so that it is mutated in place, not copied (it holds
        // the whole namespace's index); every exit puts it back.
        defer { shards[namespace] = shard }
        do {
            try shard.advance(to: sequence)
        } catch {
            guard error == .gap else { return }  // a duplicate: already applied
            let first = !shard.resyncRequested
            shard.resyncRequested = true
            if first { requestResync(namespace, epoch: epoch) }
            return
        }
        for case .vmServiceUpserted(let vmService) in changes where shard.isNewGeneration(vmService) {
            // A user's edit may be the fix for what failed: try it now, not at the backoff time.
            let key = ServiceKey(namespace: namespace, name: vmService.name)
            backoff.forget(key)
            retries[key] = nil
        }
        var dirty = Set<String>()
        for change in changes {
            let marked = shard.apply(change)
            if let observedAt, change.isVMChange { propagation.observed(marked, in: namespace, at: observedAt) }
            dirty.formUnion(marked)
        }
        markDirty(dirty, in: namespace)
        output.yield(.ack(namespace: namespace, epoch: epoch, sequence: sequence))
    }

    private func isNewer(_ epoch: UInt64, than shard: NamespaceShard?) -> Bool {
        shard.map { $0.epoch < epoch } ?? true
    }

    private func staleInput(_ namespace: String, _ epoch: UInt64) {
        metrics.staleInputs += 1
        logger.debug("stale input ignored", metadata: ["namespace": "\(namespace)", "epoch": "\(epoch)"])
    }

    private func requestResync(_ namespace: String, epoch: UInt64) {
        metrics.resyncRequests += 1
        logger.info("sequence gap, resync requested", metadata: ["namespace": "\(namespace)", "epoch": "\(epoch)"])
        output.yield(.resyncNeeded(namespace: namespace, epoch: epoch))
    }

    // MARK: Batching and scheduling

    private func markDirty(_ names: Set<String>, in namespace: String) {
        guard !names.isEmpty else { return }
        metrics.dirtyServices += names.count
        let now = clock.now
        var admitted: [ServiceKey] = []
        for name in names.sorted() {
            let key = ServiceKey(namespace: namespace, name: name)
            if syncing.contains(key) {
                if dirtyWhileSyncing[key] == nil { dirtyWhileSyncing[key] = now }
            } else if retries[key] == nil, !readySet.contains(key), admit(key, now: now) {
                admitted.append(key)
            }
        }
        makeReady(admitted)  // `handle` starts them, once the shard is back in `shards`
    }

    /// Whether a dirty service may be synced now rather than held by the pacer. A draining
    /// worker holds nothing back.
    private func admit(_ key: ServiceKey, now: C.Instant, dirtySince: C.Instant? = nil) -> Bool {
        draining || pacer.admit(key, now: now, dirtySince: dirtySince)
    }

    /// A group of services that may be synced now: one batch for the metrics.
    private func makeReady(_ keys: [ServiceKey]) {
        guard !keys.isEmpty else { return }
        metrics.countBatch(keys.count)
        histograms.batchSize.record(keys.count)
        for key in keys where readySet.insert(key).inserted { ready.append(key) }
    }

    /// Releases the held services whose time has come, and arms the timer for the next one
    /// while services are held: one timer at a time, re-armed earlier when a service falls
    /// due before it.
    private func releaseHeld() {
        makeReady(pacer.release(upTo: clock.now))
        guard let due = pacer.nextRelease, releaseTimer.map({ due < $0 }) ?? true else { return }
        releaseTimer = due
        Task { [clock] in
            try? await clock.sleep(until: due, tolerance: nil)
            self.releaseTimerFired(due)
        }
    }

    private func releaseTimerFired(_ due: C.Instant) {
        if releaseTimer == due { releaseTimer = nil }
        startSyncs()
        resumeIdleWaiters()
    }

    private func startSyncs() {
        releaseHeld()
        while syncing.count < configuration.maxInflight, let key = ready.first {
            guard let epoch = shards[key.namespace]?.epoch else {
                readySet.remove(ready.removeFirst())
                continue
            }
            guard configuration.ownershipConfirmed() else { return holdUntilConfirmed() }
            readySet.remove(ready.removeFirst())
            syncing.insert(key)
            pacer.passStarted(key, now: clock.now)
            propagation.passStarted(key)
            metrics.syncs += 1
            Task { await self.sync(key, epoch: epoch) }
        }
    }

    private func sync(_ key: ServiceKey, epoch: UInt64) async {
        let outcome = await syncer.sync(key, epoch: epoch, in: self)
        syncing.remove(key)
        propagation.passEnded(key, failed: outcome.isFailure)
        switch outcome {
        case .synced, .skipped:
            backoff.forget(key)
        case .failed(let reason):
            metrics.failedSyncs += 1
            scheduleRetry(key, epoch: epoch, reason: reason)
        }
        // A pass cut short because ownership could not be confirmed runs again once it is;
        // changes that came during the pass are paced like any other.
        let dirtySince = dirtyWhileSyncing.removeValue(forKey: key)
        if dirtySince != nil || (shards[key.namespace] != nil && !configuration.ownershipConfirmed()) {
            if retries[key] == nil, admit(key, now: clock.now, dirtySince: dirtySince) { makeReady([key]) }
        }
        startSyncs()
        resumeIdleWaiters()
    }

    /// Looks again after one batch period: the transport confirms ownership on its own
    /// thread, or revokes the namespaces (which empties `ready` of them).
    private func holdUntilConfirmed() {
        guard !gateRecheckScheduled else { return }
        gateRecheckScheduled = true
        let due = clock.now.advanced(by: configuration.batchPeriod)
        Task { [clock] in
            try? await clock.sleep(until: due, tolerance: nil)
            self.recheckGate()
        }
    }

    private func recheckGate() {
        gateRecheckScheduled = false
        startSyncs()
        resumeIdleWaiters()
    }

    private func scheduleRetry(_ key: ServiceKey, epoch: UInt64, reason: String) {
        guard !draining, owns(key.namespace, epoch: epoch) else { return }
        let delay = backoff.delay(afterFailureOf: key, random: configuration.random())
        let due = clock.now.advanced(by: delay)
        retries[key] = due
        logger.info(
            "sync failed, will retry",
            metadata: ["service": "\(key)", "delay": "\(delay)", "reason": "\(reason)"])
        Task { [clock] in
            try? await clock.sleep(until: due, tolerance: nil)
            self.retry(key, due: due)
        }
    }

    private func retry(_ key: ServiceKey, due: C.Instant) {
        guard retries[key] == due else { return }
        retries[key] = nil
        metrics.retries += 1
        makeReady([key])  // the backoff was its wait: no pacing on top
        startSyncs()
        resumeIdleWaiters()
    }

    // MARK: What a pass reads and writes back

    /// Whether a pass may write now: the namespace is ours under `epoch`, with its snapshot,
    /// and the coordinator's assignment is confirmed.
    func isWritable(_ namespace: String, epoch: UInt64) -> Bool {
        owns(namespace, epoch: epoch) && configuration.ownershipConfirmed()
    }

    private func owns(_ namespace: String, epoch: UInt64) -> Bool {
        guard let shard = shards[namespace] else { return false }
        return shard.epoch == epoch && shard.hasSnapshot
    }

    func reconcileInput(for key: ServiceKey, epoch: UInt64) -> ReconcileInput? {
        guard isWritable(key.namespace, epoch: epoch) else { return nil }
        let now = configuration.wallClock()
        return shards[key.namespace]?.reconcileInput(
            for: key.name, now: Time(secondsSince1970: now.microsecondsSince1970 / 1_000_000))
    }

    /// Applies an API answer to the shard, unless the namespace stopped being ours meanwhile.
    func updateShard(_ namespace: String, epoch: UInt64, _ update: (inout NamespaceShard) -> Void) {
        guard owns(namespace, epoch: epoch), var shard = shards.removeValue(forKey: namespace) else { return }
        update(&shard)  // in place: see `applyDelta`
        shards[namespace] = shard
    }

    public var gauges: WorkerGauges {
        var gauges = WorkerGauges()
        gauges.namespaces = shards.count
        gauges.namespacesAwaitingSnapshot = shards.values.count { !$0.hasSnapshot }
        gauges.servicesHeld = pacer.held.count
        gauges.servicesWaiting = ready.count
        gauges.servicesSyncing = syncing.count
        gauges.servicesInBackoff = retries.count
        return gauges
    }

    // MARK: Quiescence and shutdown

    /// Whether nothing is running and nothing is due: no sync in progress or waiting for a
    /// slot, and no held service or retry whose time has come.
    private var isIdle: Bool {
        let now = clock.now
        return syncing.isEmpty && ready.isEmpty
            && !(pacer.nextRelease.map { $0 <= now } ?? false)
            && !retries.values.contains { $0 <= now }
    }

    /// Returns once the worker is idle (see `isIdle`): what tests await after advancing
    /// their clock, and what `drain()` awaits.
    public func waitUntilIdle() async {
        if isIdle { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func resumeIdleWaiters() {
        guard !idleWaiters.isEmpty, isIdle else { return }
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Graceful shutdown: syncs every pending service now, lets writes in flight finish,
    /// drops pending retries (the namespace's next owner resyncs), and ends `outputs`.
    /// Inputs that arrive afterwards are ignored.
    public func drain() async {
        draining = true
        retries = [:]
        makeReady(pacer.releaseAll())
        startSyncs()
        await waitUntilIdle()
        output.finish()
    }
}
