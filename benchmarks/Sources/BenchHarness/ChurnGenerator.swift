import BenchmarkFixtures
import KubeClient

/// Applies VM changes at a fixed rate: change i is sent at `start + i / rate`, each in its own
/// task so that a slow API answer does not slow the schedule, with at most `maxInFlight`
/// writes outstanding (beyond that the schedule slips and the achieved rate says so).
actor ChurnGenerator {
    private var fleet: FleetModel
    private var rng: SplitMix64
    private let mix: ChurnMix
    private let client: KubeClient
    private let tracker: PropagationTracker
    private let busy: BusyVMs
    private let maxInFlight: Int
    private var createNext = true
    private var stats = ChurnStats()
    private var writeLatency = LatencyRecorder()

    init(
        fleet: FleetModel, mix: ChurnMix, seed: UInt64, client: KubeClient, tracker: PropagationTracker,
        busy: BusyVMs, maxInFlight: Int = 512
    ) {
        self.fleet = fleet
        self.rng = SplitMix64(seed: seed)
        self.mix = mix
        self.client = client
        self.tracker = tracker
        self.busy = busy
        self.maxInFlight = maxInFlight
    }

    /// Runs one phase; `tick` is called about once a second with the changes sent so far.
    func run(rate: Double, seconds: Double, tick: @Sendable (Double, Int) async -> Void) async -> ChurnStats {
        stats = ChurnStats(targetRate: rate, seconds: seconds)
        let total = Int(rate * seconds)
        let start = ContinuousClock.now
        var lastTick = start
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for index in 0..<total {
                try? await Task.sleep(until: start + .seconds(Double(index) / rate))
                if inFlight >= maxInFlight {
                    await group.next()
                    inFlight -= 1
                }
                guard let change = plan() else {
                    stats.skipped += 1
                    continue
                }
                inFlight += 1
                group.addTask { await self.send(change) }
                if ContinuousClock.now - lastTick >= .seconds(1) {
                    lastTick = .now
                    await tick((ContinuousClock.now - start).seconds, stats.sent)
                }
            }
            stats.elapsedSeconds = (ContinuousClock.now - start).seconds
            await group.waitForAll()
        }
        stats.writeLatency = writeLatency.summary
        writeLatency = LatencyRecorder()
        return stats
    }

    private func plan() -> ChurnChange? {
        let kind = mix.draw(using: &rng)
        guard let change = fleet.plan(kind, busy: busy, createNext: createNext, using: &rng) else { return nil }
        if kind == .createDelete { createNext.toggle() }
        stats.sent += 1
        stats.byKind[kind.rawValue, default: 0] += 1
        return change
    }

    private nonisolated func send(_ change: ChurnChange) async {
        let sentAt = ContinuousClock.now
        let id = await tracker.register(vm: change.vm, expectations: change.expectations, sentAt: sentAt)
        do {
            try await change.write(with: client)
            await acknowledged(after: .now - sentAt)
        } catch {
            await failed(change, error)
            await tracker.cancel(id)
        }
    }

    private func acknowledged(after latency: Duration) { writeLatency.record(latency) }

    private func failed(_ change: ChurnChange, _ error: any Error) {
        fleet.revert(change)
        stats.failed += 1
        if stats.firstError == nil { stats.firstError = "\(change.kind.rawValue) \(change.vm.namespace)/\(change.vm.name): \(error)" }
    }

    /// The model as the churn left it, for the final comparison.
    var model: FleetModel { fleet }
}

/// What one churn phase did.
struct ChurnStats: Codable, Sendable {
    var targetRate: Double = 0
    var seconds: Double = 0
    /// From the first write sent to the last one sent (not answered).
    var elapsedSeconds: Double = 0
    /// From sending a change's write(s) to the API's answer, as the harness saw it: the part
    /// of the propagation latency that is the API's and the harness's, not the operator's.
    var writeLatency: LatencySummary?
    /// Changes whose writes were sent.
    var sent = 0
    var byKind: [String: Int] = [:]
    /// Changes whose write the API refused (not measured).
    var failed = 0
    var firstError: String?
    /// Scheduled changes dropped because every VM drawn already had a change in flight.
    var skipped = 0

    var achievedRate: Double { elapsedSeconds > 0 ? Double(sent - failed) / elapsedSeconds : 0 }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
