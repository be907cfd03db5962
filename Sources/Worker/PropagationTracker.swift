import KubeModel

/// When each dirty service's oldest unwritten VM change was observed by the coordinator, so
/// that the first write acknowledged for the service afterwards yields the propagation
/// latency (VM change observed → write acknowledged) of issue 5's histogram.
///
/// A pass computes from the state at its start; a change that arrives while the service's
/// pass runs is not in that pass's writes. So changes wait in `waiting` and move to `inPass`
/// when a pass starts; only a write of that pass ends their latency. A pass that ends
/// without a write (nothing differed) drops them — nothing propagated, nothing to measure —
/// and a failed one hands them back, for the retry that will write them.
struct PropagationTracker: Sendable {
    private var waiting: [ServiceKey: MicroTime] = [:]
    private var inPass: [ServiceKey: MicroTime] = [:]

    /// Services dirtied by a VM change the coordinator observed at `time`.
    mutating func observed(_ names: Set<String>, in namespace: String, at time: MicroTime) {
        for name in names {
            let key = ServiceKey(namespace: namespace, name: name)
            waiting[key] = min(waiting[key] ?? time, time)
        }
    }

    mutating func passStarted(_ key: ServiceKey) {
        guard let time = waiting.removeValue(forKey: key) else { return }
        inPass[key] = time
    }

    /// A write of `key`'s pass was acknowledged at `now`: the latency, the first time only.
    mutating func writeAcknowledged(_ key: ServiceKey, now: MicroTime) -> Int64? {
        inPass.removeValue(forKey: key).map { max(0, now.microsecondsSince1970 - $0.microsecondsSince1970) }
    }

    mutating func passEnded(_ key: ServiceKey, failed: Bool) {
        guard let time = inPass.removeValue(forKey: key), failed else { return }
        waiting[key] = min(waiting[key] ?? time, time)
    }

    /// The namespace was revoked: whatever was pending will not be written by this worker.
    mutating func forget(namespace: String) {
        waiting = waiting.filter { $0.key.namespace != namespace }
        inPass = inPass.filter { $0.key.namespace != namespace }
    }

    var isEmpty: Bool { waiting.isEmpty && inPass.isEmpty }
}
