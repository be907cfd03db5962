/// Coalesces dirty services for one batch period (DESIGN principle 3): however many changes
/// a service sees inside the window, it is computed once when the window closes. The window
/// opens with the first dirty service and closes `period` later; it does not slide, so a
/// steady stream of changes still gets written every period.
struct BatchWindow<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    let period: Duration
    private(set) var pending: [ServiceKey] = []
    private var members: Set<ServiceKey> = []
    /// When the open window closes; nil while no service is pending.
    private(set) var deadline: Instant?

    init(period: Duration) {
        self.period = period
    }

    var isEmpty: Bool { pending.isEmpty }

    /// Adds dirty services. Returns the deadline when this call opened the window (the
    /// caller then arranges to flush at that time), nil otherwise.
    mutating func add(_ keys: some Sequence<ServiceKey>, now: Instant) -> Instant? {
        let opened = pending.isEmpty
        for key in keys where members.insert(key).inserted { pending.append(key) }
        guard opened, !pending.isEmpty else { return nil }
        let closing = now.advanced(by: period)
        deadline = closing
        return closing
    }

    /// Closes the window: the pending services in the order they first became dirty.
    mutating func flush() -> [ServiceKey] {
        defer {
            pending = []
            members = []
            deadline = nil
        }
        return pending
    }
}
