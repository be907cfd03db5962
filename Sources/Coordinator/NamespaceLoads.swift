/// How many namespaces each capacity-limited worker holds while `ShardMap.rebalance` places
/// namespaces; counted once per rebalance and kept up to date as it assigns, so placing
/// every namespace of a large cluster stays linear.
struct NamespaceLoads {
    private var limits: [String: Int] = [:]
    private var loads: [String: Int] = [:]

    init(_ map: ShardMap) {
        for (worker, record) in map.workers where record.maxNamespaces > 0 {
            limits[worker] = record.maxNamespaces
        }
        guard !limits.isEmpty else { return }
        for ownership in map.owners.values where limits[ownership.worker] != nil {
            loads[ownership.worker, default: 0] += 1
        }
    }

    /// Whether `worker` may take one more namespace.
    func hasRoom(_ worker: String) -> Bool {
        guard let limit = limits[worker] else { return true }
        return loads[worker, default: 0] < limit
    }

    mutating func add(_ worker: String) {
        if limits[worker] != nil { loads[worker, default: 0] += 1 }
    }
}
