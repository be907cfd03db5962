import KubeModel

/// Matches each churn change with the first state of a service's endpoints (its Endpoints,
/// or the union of its EndpointSlices), seen on a watch, that reflects it, and records the
/// time between the write being sent and that observation.
///
/// A change is a set of expectations ("10.0.3.7 is a ready address of bench-4/svc-2", "… is
/// absent from bench-4/svc-5"); it has propagated when all hold at once. The generator keeps
/// at most one change in flight per VM, so a later change can never hide an earlier one.
actor PropagationTracker {
    struct Expectation: Sendable {
        var service: ServiceKey
        var ip: String
        var state: AddressState
    }

    private struct Pending {
        var vm: VMKey
        var expectations: [Expectation]
        var sentAt: ContinuousClock.Instant
    }

    private var addresses: [ServiceKey: EndpointAddresses] = [:]
    private var pending: [Int: Pending] = [:]
    private var waitingOn: [ServiceKey: Set<Int>] = [:]
    private var nextID = 0
    private var recorder = LatencyRecorder()
    private var drained: OneShot<Void>?
    /// Called with the VM of each change that propagated (or was given up), so the generator
    /// may change that VM again.
    private let onSettled: @Sendable (VMKey) -> Void

    init(onSettled: @escaping @Sendable (VMKey) -> Void) {
        self.onSettled = onSettled
    }

    var pendingCount: Int { pending.count }

    /// p99 of the current phase so far, for the live progress line.
    var currentP99Ms: Double { Double(recorder.histogram.valueAtPercentile(99)) / 1000 }

    /// Call before sending the write, with the instant it is sent at.
    func register(vm: VMKey, expectations: [Expectation], sentAt: ContinuousClock.Instant) -> Int {
        nextID += 1
        pending[nextID] = Pending(vm: vm, expectations: expectations, sentAt: sentAt)
        for expectation in expectations { waitingOn[expectation.service, default: []].insert(nextID) }
        return nextID
    }

    /// The write failed: the change will never show.
    func cancel(_ id: Int) {
        guard let change = remove(id) else { return }
        onSettled(change.vm)
        signalIfDrained()
    }

    /// The service's addresses now (nil: it has none, its object was deleted).
    func observe(_ service: ServiceKey, _ state: EndpointAddresses?, at instant: ContinuousClock.Instant) {
        addresses[service] = state
        settle(waitingOn[service] ?? [], at: instant)
    }

    /// A (re)list: the complete state.
    func replace(_ all: [ServiceKey: EndpointAddresses], at instant: ContinuousClock.Instant) {
        addresses = all
        settle(Set(pending.keys), at: instant)
    }

    /// The latencies recorded since the last call; starts a new phase.
    func takeLatencies() -> LatencySummary {
        defer { recorder = LatencyRecorder() }
        return recorder.summary
    }

    /// Fulfilled when no change is pending any more.
    func drainSignal() -> OneShot<Void> {
        let signal = OneShot<Void>()
        if pending.isEmpty { signal.fulfil(()) } else { drained = signal }
        return signal
    }

    /// Gives up on every pending change; returns how many there were.
    func abandonPending() -> Int {
        let abandoned = pending
        pending = [:]
        waitingOn = [:]
        for change in abandoned.values { onSettled(change.vm) }
        return abandoned.count
    }

    private func settle(_ candidates: Set<Int>, at instant: ContinuousClock.Instant) {
        for id in candidates {
            guard let change = pending[id], change.expectations.allSatisfy(holds) else { continue }
            remove(id)
            recorder.record(instant - change.sentAt)
            onSettled(change.vm)
        }
        signalIfDrained()
    }

    private func signalIfDrained() {
        guard pending.isEmpty, let drained else { return }
        self.drained = nil
        drained.fulfil(())
    }

    private func holds(_ expectation: Expectation) -> Bool {
        (addresses[expectation.service] ?? EndpointAddresses()).state(of: expectation.ip) == expectation.state
    }

    @discardableResult
    private func remove(_ id: Int) -> Pending? {
        guard let change = pending.removeValue(forKey: id) else { return nil }
        for expectation in change.expectations {
            waitingOn[expectation.service]?.remove(id)
            if waitingOn[expectation.service]?.isEmpty == true { waitingOn[expectation.service] = nil }
        }
        return change
    }
}

/// The addresses of one service: of its Endpoints over all subsets, or of all its slices.
struct EndpointAddresses: Sendable {
    var ready: Set<String> = []
    var notReady: Set<String> = []

    init() {}

    init(_ endpoints: Endpoints) {
        for subset in endpoints.subsets ?? [] {
            for address in subset.addresses ?? [] { ready.insert(address.ip) }
            for address in subset.notReadyAddresses ?? [] { notReady.insert(address.ip) }
        }
    }

    init(_ slices: some Sequence<EndpointSlice>) {
        for slice in slices {
            for endpoint in slice.endpoints ?? [] {
                // EndpointSlice readiness: nil means ready (discovery.k8s.io/v1).
                if endpoint.conditions?.ready ?? true {
                    ready.formUnion(endpoint.addresses)
                } else {
                    notReady.formUnion(endpoint.addresses)
                }
            }
        }
    }

    /// An address in both lists (never written by a correct controller) counts as neither.
    func state(of ip: String) -> AddressState? {
        switch (ready.contains(ip), notReady.contains(ip)) {
        case (true, false): .ready
        case (false, true): .notReady
        case (false, false): .absent
        case (true, true): nil
        }
    }
}
