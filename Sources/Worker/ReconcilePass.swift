import KubeModel
import Logging
import VMServiceCore

/// One pass's writes: carries out `ReconcileAction`s in order through the `KubeWriter`,
/// stores each answer in the shard (so the next pass compares against what the API holds
/// and writes nothing), and turns failures into the Warning Events of spec §16.8.
struct ReconcilePass: Sendable {
    let key: ServiceKey
    let epoch: UInt64
    let writer: any KubeWriter
    let logger: Logger
    /// The VirtualMachineService the pass's Events are about.
    let regarding: ObjectReference
    /// The Service the API server returned from phase 1's create or patch.
    private(set) var returnedService: Service?
    /// The namespace stopped being ours during the pass.
    private(set) var abandoned = false

    init(key: ServiceKey, epoch: UInt64, writer: any KubeWriter, logger: Logger, regarding: ObjectReference) {
        self.key = key
        self.epoch = epoch
        self.writer = writer
        self.logger = logger
        self.regarding = regarding
    }

    /// Runs `actions` in order; returns the first failure (the rest are not run).
    mutating func run<C: Clock>(_ actions: [ReconcileAction], in worker: isolated Worker<C>) async -> String?
    where C.Duration == Duration {
        for action in actions {
            guard !abandoned, worker.isWritable(key.namespace, epoch: epoch) else {
                abandoned = true
                return nil
            }
            do {
                try await perform(action, in: worker)
                if let kind = action.writeKind { worker.writeAcknowledged(kind, for: key) }
            } catch {
                guard worker.isWritable(key.namespace, epoch: epoch) else {
                    abandoned = true
                    return nil
                }
                let kind = action.writeKind ?? "write"
                worker.metrics.countWrite(kind, succeeded: false)
                logger.warning(
                    "write failed", metadata: ["service": "\(key)", "write": "\(kind)", "error": "\(error)"])
                if let reason = action.failureEventReason {
                    await record(.init(type: EventType.warning, reason: reason, message: "\(error)"), in: worker)
                }
                return "\(kind): \(error)"
            }
        }
        return nil
    }

    /// One write; its answer is stored only if the namespace is still ours when it arrives.
    private mutating func perform<C: Clock>(_ action: ReconcileAction, in worker: isolated Worker<C>) async throws
    where C.Duration == Duration {
        let (namespace, name) = (key.namespace, key.name)
        switch action {
        case .createService(let service):
            let stored = try await writer.create(service)
            returnedService = stored
            worker.updateShard(namespace, epoch: epoch) { $0.record(stored) }
        case .patchService(let patch, _):
            let stored = try await writer.patch(
                Service.self, namespace: namespace, name: name, mergePatch: patch, subresource: nil)
            returnedService = stored
            worker.updateShard(namespace, epoch: epoch) { $0.record(stored) }
        case .createEndpoints(let endpoints):
            let stored = try await writer.create(endpoints)
            worker.updateShard(namespace, epoch: epoch) { $0.record(stored) }
        case .patchEndpoints(let patch, _):
            let stored = try await writer.patch(
                Endpoints.self, namespace: namespace, name: name, mergePatch: patch, subresource: nil)
            worker.updateShard(namespace, epoch: epoch) { $0.record(stored) }
        case .deleteEndpoints(let namespace, let name, let uid):
            try await writer.delete(Endpoints.self, namespace: namespace, name: name, uid: uid)
            worker.updateShard(namespace, epoch: epoch) { $0.forgetEndpoints(named: name) }
        case .deleteService(let namespace, let name, let uid):
            try await writer.delete(Service.self, namespace: namespace, name: name, uid: uid)
            worker.updateShard(namespace, epoch: epoch) { $0.forgetService(named: name) }
        case .patchVirtualMachineService(let patch):
            let stored = try await writer.patch(
                VirtualMachineService.self, namespace: namespace, name: name, mergePatch: patch, subresource: nil)
            worker.updateShard(namespace, epoch: epoch) { $0.record(stored) }
        case .patchVirtualMachineServiceStatus(let patch, _):
            let stored = try await writer.patch(
                VirtualMachineService.self, namespace: namespace, name: name, mergePatch: patch, subresource: "status")
            worker.updateShard(namespace, epoch: epoch) { $0.record(stored) }
        case .event(let event):
            await record(event, in: worker)
        }
    }

    /// Events are best effort: a failure is logged and counted, never fails the pass.
    private func record<C: Clock>(_ event: ReconcileEvent, in worker: isolated Worker<C>) async
    where C.Duration == Duration {
        let now = worker.configuration.wallClock()
        guard let write = worker.events.record(event, regarding: regarding, now: now) else {
            worker.metrics.eventsSuppressed += 1
            return
        }
        do {
            switch write {
            case .create(let object):
                do {
                    _ = try await writer.create(object)
                    worker.metrics.eventsCreated += 1
                } catch {
                    worker.events.createFailed(object)
                    throw error
                }
            case .updateSeries(let namespace, let name, let series):
                let patch: JSONValue = .object([
                    "series": .object([
                        "count": .number(Double(series.count)),
                        "lastObservedTime": .string(series.lastObservedTime.description),
                    ])
                ])
                _ = try await writer.patch(
                    Event.self, namespace: namespace, name: name, mergePatch: patch, subresource: nil)
                worker.metrics.eventSeriesUpdates += 1
            }
        } catch {
            logger.info(
                "event not recorded", metadata: ["service": "\(key)", "reason": "\(event.reason)", "error": "\(error)"])
        }
    }
}

extension ReconcileAction {
    /// The metrics label of a write; nil for an Event, which is not a write of the pass.
    var writeKind: String? {
        switch self {
        case .createService: "create Service"
        case .patchService: "patch Service"
        case .createEndpoints: "create Endpoints"
        case .patchEndpoints: "patch Endpoints"
        case .deleteEndpoints: "delete Endpoints"
        case .deleteService: "delete Service"
        case .patchVirtualMachineService: "patch VirtualMachineService"
        case .patchVirtualMachineServiceStatus: "patch VirtualMachineService status"
        case .event: nil
        }
    }
}
