import HeapModule

/// When a dirty service may be computed (DESIGN principle 3), by `BatchPolicy`:
///
/// - `window`: a change opens a window of one batch period for its service; every change
///   that arrives before it closes is computed with it, in one pass when it closes.
/// - `pace`: a rate limit per service of one pass per batch period, with bursts of `burst`
///   passes, kept as the generic cell rate algorithm (one theoretical arrival time per
///   service, a token bucket without tokens). A change to an idle service is passed at once,
///   and so is a second one soon after it: holding the second would delay it without saving
///   a write (the held pass writes anyway). Beyond the burst, changes wait; all that arrive
///   while a service waits cost that one pass.
///
/// Either way a service under sustained churn is written once per period, whatever its
/// change rate.
struct PassPacer<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    static var burst: Int { 2 }

    let period: Duration
    let policy: BatchPolicy
    /// `pace`: when each recently passed service's budget is whole again; absent when it is.
    private var arrival: [ServiceKey: Instant] = [:]
    private var pruneAt = 1024
    /// Dirty services held back (for their window to close, or for their budget), and when
    /// they are released.
    private(set) var held: [ServiceKey: Instant] = [:]
    /// `held` in time order. An entry is stale once its service left `held`.
    private var releases = Heap<Release>()

    init(period: Duration, policy: BatchPolicy = .window) {
        self.period = period
        self.policy = policy
    }

    /// Whether `key` may be passed now. If not, it is held until `release(upTo:)` lets it go.
    /// `dirtySince`: when its changes began, if earlier than now (they came during a pass):
    /// their window opened then.
    mutating func admit(_ key: ServiceKey, now: Instant, dirtySince: Instant? = nil) -> Bool {
        switch policy {
        case .window:
            guard held[key] == nil else { return false }
            let closes = (dirtySince ?? now).advanced(by: period)
            guard now < closes else { return true }
            hold(key, until: closes)
            return false
        case .pace:
            guard let due = arrival[key].map(earliestPass), now < due else { return true }
            hold(key, until: due)
            return false
        }
    }

    private mutating func hold(_ key: ServiceKey, until due: Instant) {
        if held.updateValue(due, forKey: key) != due { releases.insert(Release(at: due, key: key)) }
    }

    /// A pass of `key` started: under `pace` it spends one period of the service's budget.
    mutating func passStarted(_ key: ServiceKey, now: Instant) {
        guard policy == .pace else { return }
        let from = arrival[key].map { max($0, now) } ?? now
        arrival[key] = from.advanced(by: period)
        if arrival.count > pruneAt {
            // Services whose budget is whole need no entry: bounded by the recently passed.
            arrival = arrival.filter { now < $0.value }
            pruneAt = max(1024, arrival.count * 2)
        }
    }

    /// Releases the held services whose time has come, in the order they fall due.
    mutating func release(upTo now: Instant) -> [ServiceKey] {
        var released: [ServiceKey] = []
        while let first = releases.min, first.at <= now {
            releases.removeMin()
            if held[first.key] == first.at {
                held[first.key] = nil
                released.append(first.key)
            }
        }
        return released
    }

    /// When `release(upTo:)` should next run: while services are held, the earliest time
    /// one falls due (or a stale entry's, which releasing clears).
    var nextRelease: Instant? {
        held.isEmpty ? nil : releases.min?.at
    }

    /// Releases every held service now (a drain does not wait for budgets).
    mutating func releaseAll() -> [ServiceKey] {
        defer {
            held = [:]
            releases = Heap()
        }
        return held.keys.sorted()
    }

    /// Drops the held services of a namespace that is no longer ours; their budgets stay
    /// spent, which only matters if the namespace comes back at once.
    mutating func forget(namespace: String) {
        held = held.filter { $0.key.namespace != namespace }
    }

    /// The first instant a service that will be whole at `arrival` may pass again.
    private func earliestPass(_ arrival: Instant) -> Instant {
        arrival.advanced(by: period * -(Self.burst - 1))
    }

    private struct Release: Comparable {
        var at: Instant
        var key: ServiceKey

        static func < (lhs: Release, rhs: Release) -> Bool { (lhs.at, lhs.key) < (rhs.at, rhs.key) }
    }
}
