/// The most recent committed changes, bounded like etcd after compaction: asking for
/// anything older than what is kept is answered with 410 Gone.
struct EventHistory: Sendable {
    private var ring: [StoreEvent?]
    private var start = 0
    private(set) var count = 0
    /// The revision right before the oldest kept event: a watch may start from here.
    private(set) var compactedRevision: Int

    init(capacity: Int, startRevision: Int) {
        ring = Array(repeating: nil, count: max(1, capacity))
        compactedRevision = startRevision
    }

    var capacity: Int { ring.count }

    mutating func append(_ event: StoreEvent) {
        if count == ring.count {
            compactedRevision = ring[start]?.revision ?? compactedRevision
            ring[start] = event
            start = (start + 1) % ring.count
        } else {
            ring[(start + count) % ring.count] = event
            count += 1
        }
    }

    /// Forgets everything up to now, as an etcd compaction at the current revision would.
    mutating func compact(to revision: Int) {
        ring = Array(repeating: nil, count: ring.count)
        start = 0
        count = 0
        compactedRevision = revision
    }

    private func event(at offset: Int) -> StoreEvent? { ring[(start + offset) % ring.count] }

    /// Events with a revision above `revision`, oldest first; nil when some of them are gone.
    func events(after revision: Int) -> [StoreEvent]? {
        guard revision >= compactedRevision else { return nil }
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if (event(at: mid)?.revision ?? 0) <= revision { low = mid + 1 } else { high = mid }
        }
        return (low..<count).compactMap { event(at: $0) }
    }
}
