/// Everything /metrics and /readyz show of a coordinator, read in one hop onto its actor.
public struct CoordinatorObservation: Sendable {
    public var counters: CoordinatorCounters
    public var cache: ClusterCache.Counters
    /// Current owner and epoch of each namespace.
    public var assignments: [String: ShardMap.Ownership]
    /// Per live worker.
    public var queues: [String: WorkerQueue]
    /// Namespaces that need an owner and have none because every worker is full.
    public var namespacesOverCapacity: Int
    /// Namespaces in the `--namespace-selector` scope; nil without a selector (all are).
    public var namespacesInScope: Int?
}

/// A worker's queues at the coordinator.
public struct WorkerQueue: Sendable, Hashable {
    /// Changes waiting for the worker's credit (`maxPendingChangesPerWorker` pauses the watches).
    public var pendingChanges = 0
    /// Snapshot chunks and Deltas sent and not yet acknowledged (bounded by its credit).
    public var framesInFlight = 0
}

extension Coordinator {
    public var observation: CoordinatorObservation {
        var queues: [String: WorkerQueue] = [:]
        for (worker, record) in map.workers {
            queues[worker] = WorkerQueue(framesInFlight: record.inFlight)
        }
        for (namespace, changes) in pending {
            guard let worker = map.owners[namespace]?.worker else { continue }
            queues[worker]?.pendingChanges += changes.count
        }
        return CoordinatorObservation(
            counters: counters, cache: cache.counters, assignments: map.owners, queues: queues,
            namespacesOverCapacity: waitingForCapacity.count, namespacesInScope: scope.selectedCount)
    }
}
