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
        var hash = StableHash()
        hash.combine(worker)
        hash.combineSeparator()
        hash.combine(namespace)
        return hash.finalize()
    }

    /// The owner of `namespace`, or nil when there are no workers. Ties (vanishingly
    /// unlikely) go to the lexicographically smaller worker id, so the answer does not
    /// depend on the order of `workers`.
    public static func owner(of namespace: String, among workers: some Sequence<String>) -> String? {
        var best: (worker: String, weight: UInt64)?
        for worker in workers {
            let candidate = (worker: worker, weight: weight(of: worker, for: namespace))
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

    /// namespace → owner for every namespace (empty when there are no workers).
    public static func assignments(
        of namespaces: some Sequence<String>, among workers: [String]
    ) -> [String: String] {
        var map: [String: String] = [:]
        for namespace in namespaces {
            map[namespace] = owner(of: namespace, among: workers)
        }
        return map
    }

    /// The namespaces whose owner differs between the `before` and `after` worker sets,
    /// with their old and new owner (nil: none, when a set is empty).
    public static func moves(
        of namespaces: some Sequence<String>, from before: [String], to after: [String]
    ) -> [String: NamespaceMove] {
        var moves: [String: NamespaceMove] = [:]
        for namespace in namespaces {
            let from = owner(of: namespace, among: before)
            let to = owner(of: namespace, among: after)
            if from != to {
                moves[namespace] = NamespaceMove(from: from, to: to)
            }
        }
        return moves
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
