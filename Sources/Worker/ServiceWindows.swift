import DequeModule

/// When a dirty service may be computed (DESIGN principle 3). Each pass opens a window of one
/// batch period for its service; changes that arrive while it is open are held and cost one
/// pass when it closes, however many there were. A service without an open window is passed
/// at once: an idle service's change goes out without waiting for batching, and only a busy
/// service waits, at most one period. A service is thus computed at most twice per period.
struct ServiceWindows<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    let period: Duration
    /// Windows in the order they opened (which is the order they close), so closing them
    /// needs no search. An entry is stale once its service opened a newer window.
    private var opened = Deque<(key: ServiceKey, at: Instant)>()
    private var openedAt: [ServiceKey: Instant] = [:]
    /// Dirty services waiting for their window to close.
    private(set) var held: Set<ServiceKey> = []

    init(period: Duration) {
        self.period = period
    }

    /// Whether `key` may be passed now. If its window is open it is held instead, until
    /// `close(upTo:)` releases it.
    mutating func admit(_ key: ServiceKey, now: Instant) -> Bool {
        guard let at = openedAt[key], now < at.advanced(by: period) else { return true }
        held.insert(key)
        return false
    }

    /// A pass of `key` started: its window opens.
    mutating func passStarted(_ key: ServiceKey, now: Instant) {
        openedAt[key] = now
        opened.append((key, now))
    }

    /// Closes every window whose period is over, and returns the services held in them in
    /// the order their windows opened.
    mutating func close(upTo now: Instant) -> [ServiceKey] {
        var released: [ServiceKey] = []
        while let first = opened.first, first.at.advanced(by: period) <= now {
            opened.removeFirst()
            guard openedAt[first.key] == first.at else { continue }
            openedAt[first.key] = nil
            if held.remove(first.key) != nil { released.append(first.key) }
        }
        return released
    }

    /// When `close(upTo:)` should next run: while services are held, the time the oldest
    /// open window closes (it may hold none of them; closing it is cheap and moves on).
    var nextClose: Instant? {
        held.isEmpty ? nil : opened.first.map { $0.at.advanced(by: period) }
    }

    /// Releases every held service now (a drain does not wait for windows).
    mutating func releaseAll() -> [ServiceKey] {
        defer { held = [] }
        return held.sorted()
    }

    /// Drops the held services of a namespace that is no longer ours. Its open windows are
    /// left to close on their own: they only delay a pass if the namespace comes back at once.
    mutating func forget(namespace: String) {
        held = held.filter { $0.namespace != namespace }
    }
}
