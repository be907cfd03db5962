/// Highest-random-weight (rendezvous) hashing: a namespace belongs to the worker whose
/// weight for it is highest. When a worker joins, it takes exactly the namespaces it now
/// wins; when one leaves, only its namespaces move. Nobody else's shards are disturbed,
/// which keeps snapshots (the expensive part of a move) to the minimum.
///
/// Weights come from `StableHash`, never Swift's `Hasher`: `Hasher` is seeded per process,
/// and every coordinator (and a restarted one) must compute the same map.
public enum RendezvousHashing {
    /// The weight of `worker` for `namespace`.
    public static func weight(of worker: String, for namespace: String) -> UInt64 {
        WorkerSeed(worker).weight(for: namespace)
    }

    /// The owner of `namespace`, or nil when there are no workers. Ties (vanishingly
    /// unlikely) go to the lexicographically smaller worker id, so the answer does not
    /// depend on the order of `workers`.
    public static func owner(of namespace: String, among workers: some Sequence<String>) -> String? {
        owner(of: namespace, among: workers.map(WorkerSeed.init))
    }

    private static func owner(of namespace: String, among seeds: [WorkerSeed]) -> String? {
        var best: (worker: String, weight: UInt64)?
        for seed in seeds {
            let candidate = (worker: seed.worker, weight: seed.weight(for: namespace))
            if let current = best,
                current.weight > candidate.weight
                    || (current.weight == candidate.weight && current.worker <= candidate.worker)
            {
                continue
            }
            best = candidate
        }
        return best?.worker
    }

    /// Every worker in order of preference for `namespace`: the owner first, then who takes
    /// over when the ones before are gone or full (capacity limits, see `ShardMap`). Ties
    /// are ordered as in `owner(of:among:)`.
    public static func ranking(of namespace: String, among workers: some Sequence<String>) -> [String] {
        workers.map { (worker: $0, weight: weight(of: $0, for: namespace)) }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.worker < $1.worker }
            .map(\.worker)
    }

    /// namespace → owner for every namespace (empty when there are no workers).
    public static func assignments(
        of namespaces: some Sequence<String>, among workers: [String]
    ) -> [String: String] {
        let seeds = workers.map(WorkerSeed.init)
        var map: [String: String] = [:]
        for namespace in namespaces {
            map[namespace] = owner(of: namespace, among: seeds)
        }
        return map
    }

    /// The namespaces whose owner differs between the `before` and `after` worker sets,
    /// with their old and new owner (nil: none, when a set is empty).
    public static func moves(
        of namespaces: some Sequence<String>, from before: [String], to after: [String]
    ) -> [String: NamespaceMove] {
        let beforeSeeds = before.map(WorkerSeed.init)
        let afterSeeds = after.map(WorkerSeed.init)
        var moves: [String: NamespaceMove] = [:]
        for namespace in namespaces {
            let from = owner(of: namespace, among: beforeSeeds)
            let to = owner(of: namespace, among: afterSeeds)
            if from != to {
                moves[namespace] = NamespaceMove(from: from, to: to)
            }
        }
        return moves
    }
}

/// A worker's id already hashed, so that weighing many namespaces for it hashes only
/// the namespaces.
private struct WorkerSeed {
    let worker: String
    private let prefix: StableHash

    init(_ worker: String) {
        self.worker = worker
        var prefix = StableHash()
        prefix.combine(worker)
        prefix.combineSeparator()
        self.prefix = prefix
    }

    func weight(for namespace: String) -> UInt64 {
        var hash = prefix
        hash.combine(namespace)
        return hash.finalize()
    }
}

/// A namespace changing hands: revoke from `from`, then assign to `to` under a new epoch.
public struct NamespaceMove: Hashable, Sendable {
    public var from: String?
    public var to: String?

    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }
}
