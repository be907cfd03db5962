import KubeClient
import KubeModel
import Logging
import VMServiceCore

/// Our re-implementation of the reference controller's algorithm (spec §2–§3, §12), the
/// baseline of the benchmark harness — not the reference binary. One process; informer caches
/// of VirtualMachineServices, VirtualMachines, Services and Endpoints; one keyed,
/// de-duplicating work queue served by `concurrency` reconciles at once; per reconcile the
/// VMs listed by selector from the cache and the Service, the Endpoints and the
/// VirtualMachineService written one by one. No batching across VirtualMachineServices.
public final class ReferenceController: Sendable {
    public struct Configuration: Sendable {
        /// `MaxConcurrentReconciles`: 20 in the reference's deployment (spec §2.3).
        public var concurrency: Int
        /// Every VirtualMachineService is reconciled again this often (informer resync, spec §2.1).
        public var resyncPeriod: Duration
        public var options: ReconcileOptions
        public var provider: any LoadBalancerProvider

        public init(
            concurrency: Int = 20, resyncPeriod: Duration = .seconds(30 * 60),
            options: ReconcileOptions = ReconcileOptions(),
            provider: any LoadBalancerProvider = NoOpLoadBalancerProvider()
        ) {
            self.concurrency = concurrency
            self.resyncPeriod = resyncPeriod
            self.options = options
            self.provider = provider
        }
    }

    public let caches = Caches()
    public let metrics = ReferenceMetrics()
    public let queue = WorkQueue()
    private let client: KubeClient
    private let configuration: Configuration
    private let logger: Logger

    public init(client: KubeClient, configuration: Configuration = Configuration(), logger: Logger) {
        self.client = client
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until the task is cancelled: informers first, workers once every cache has synced.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            let (syncs, synced) = AsyncStream<Void>.makeStream()
            startInformers(in: &group, synced: { synced.yield() })
            var remaining = 4
            for await _ in syncs {
                remaining -= 1
                if remaining == 0 { break }
            }
            guard !Task.isCancelled else {
                await queue.shutDown()
                return
            }
            logger.info("caches synced; starting workers", metadata: ["concurrency": "\(configuration.concurrency)"])
            let reconciler = ReferenceReconciler(
                caches: caches, writer: ReferenceWriter(client: client, metrics: metrics, logger: logger),
                options: configuration.options, provider: configuration.provider)
            for _ in 0..<max(1, configuration.concurrency) {
                group.addTask { await self.work(reconciler) }
            }
            group.addTask { await self.resync() }
            // Cancellation of `run` ends the informers and the resync; the workers end when
            // the queue shuts down.
            await withTaskCancellationHandler {
                await group.next()
            } onCancel: {
                Task { await self.queue.shutDown() }
            }
            await queue.shutDown()
            group.cancelAll()
        }
    }

    private func startInformers(in group: inout TaskGroup<Void>, synced: @escaping @Sendable () -> Void) {
        let (caches, queue, metrics) = (caches, queue, metrics)
        let enqueue: @Sendable (String, Set<String>) async -> Void = { kind, keys in
            metrics.countWatchEvent(kind, enqueued: keys.count)
            for key in keys { await queue.add(key) }
        }
        let vmServices = Informer(reflector: Reflector<VirtualMachineService>(client: client), cache: caches.vmServices)
        group.addTask {
            await vmServices.run(synced: synced) { old, new in
                await enqueue("VirtualMachineService", Set([(new ?? old)?.key].compactMap { $0 }))
            }
        }
        let vms = Informer(reflector: Reflector<VirtualMachine>(client: client), cache: caches.vms)
        group.addTask {
            await vms.run(synced: synced) { old, new in
                let namespace = (new ?? old)?.namespace ?? ""
                await enqueue(
                    "VirtualMachine",
                    EventMapping.keys(
                        vmChangeFrom: old, to: new, services: caches.vmServices.list(namespace: namespace)))
            }
        }
        let services = Informer(reflector: Reflector<Service>(client: client), cache: caches.services)
        group.addTask {
            await services.run(synced: synced) { old, new in
                await enqueue("Service", EventMapping.ownerKeys(of: (new ?? old)?.metadata ?? ObjectMeta()))
            }
        }
        let endpoints = Informer(reflector: Reflector<Endpoints>(client: client), cache: caches.endpoints)
        group.addTask {
            await endpoints.run(synced: synced) { old, new in
                await enqueue("Endpoints", EventMapping.ownerKeys(of: (new ?? old)?.metadata ?? ObjectMeta()))
            }
        }
    }

    /// One of the `concurrency` workers: take a key, reconcile it, forget or back off.
    private func work(_ reconciler: ReferenceReconciler) async {
        while let key = await queue.get() {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            let (namespace, name) = parts.count == 2 ? (parts[0], parts[1]) : ("", key)
            do {
                try await reconciler.reconcile(namespace: namespace, name: name)
                metrics.countReconcile(failed: false)
                await queue.forget(key)
            } catch {
                metrics.countReconcile(failed: true)
                logger.warning("reconcile failed", metadata: ["key": "\(key)", "error": "\(error)"])
                await queue.addRateLimited(key)
            }
            await queue.done(key)
        }
    }

    /// The informers' periodic resync: every VirtualMachineService enqueued again.
    private func resync() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: configuration.resyncPeriod)
            } catch {
                return
            }
            for vmService in caches.vmServices.all() { await queue.add(vmService.key) }
        }
    }
}
