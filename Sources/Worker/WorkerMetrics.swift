/// Counters a worker keeps for its /metrics endpoint, as plain values: the exporter reads a
/// copy, so there is no metrics dependency in the engine.
public struct WorkerMetrics: Sendable, Hashable {
    /// Inputs handled, by kind (`assign`, `snapshot`, `delta`, `revoke`).
    public var inputs: [String: Int] = [:]
    /// Object changes received in deltas.
    public var changesReceived = 0
    /// Inputs dropped because their epoch was stale or their namespace unknown.
    public var staleInputs = 0
    public var resyncRequests = 0
    /// Services marked dirty (before coalescing).
    public var dirtyServices = 0
    /// Groups of services made ready to sync together (by one input, or released by
    /// the pacer at once), and their sizes.
    public var batches = 0
    public var batchedServices = 0
    public var largestBatch = 0
    /// Passes run, and how they ended.
    public var syncs = 0
    public var failedSyncs = 0
    public var retries = 0
    /// API writes by kind (`create Service`, `patch Endpoints`, …) and result (`ok`, `error`).
    public var writes: [WriteCount: Int] = [:]
    /// Events created, series updates written, and events dropped by the rate limit.
    public var eventsCreated = 0
    public var eventSeriesUpdates = 0
    public var eventsSuppressed = 0

    public struct WriteCount: Sendable, Hashable {
        public var kind: String
        public var succeeded: Bool
    }

    public init() {}

    /// All writes of one kind and result.
    public func writes(_ kind: String, succeeded: Bool = true) -> Int {
        writes[WriteCount(kind: kind, succeeded: succeeded)] ?? 0
    }

    mutating func countWrite(_ kind: String, succeeded: Bool) {
        writes[WriteCount(kind: kind, succeeded: succeeded), default: 0] += 1
    }

    mutating func countBatch(_ size: Int) {
        batches += 1
        batchedServices += size
        largestBatch = max(largestBatch, size)
    }
}
