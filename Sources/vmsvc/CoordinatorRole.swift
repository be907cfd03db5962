import Coordinator
import Logging
import Observability
import Synchronization

/// The coordinator of a process: waits for the leader Lease when election is on, then
/// lists, watches and serves workers until drained or until the Lease is lost.
final class CoordinatorRole: OperatorRole {
    let name = "coordinator"
    private let config: CoordinatorConfig
    private let elector: LeaderElector?
    private let health: HealthState
    private let logger: Logger
    /// The coordinator once the Lease is held, and whether a drain was asked for.
    private let state = Mutex<(coordinator: Coordinator?, stopped: Bool)>((nil, false))
    private let stop: AsyncStream<Void>
    private let stopSink: AsyncStream<Void>.Continuation

    init(config: CoordinatorConfig, elector: LeaderElector?, health: HealthState, logger: Logger) {
        self.config = config
        self.elector = elector
        self.health = health
        self.logger = logger
        (stop, stopSink) = AsyncStream.makeStream()
    }

    func run() async throws {
        if let elector {
            guard try await acquireUnlessStopped(elector) else { return }
        }
        health.set(Self.leaderCheck, true)
        let coordinator = try Coordinator(config: config)
        let stopped = state.withLock { state in
            state.coordinator = coordinator
            return state.stopped
        }
        // A drain that came while the coordinator was being built.
        if stopped { coordinator.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await coordinator.run() }
            group.addTask { [health] in
                for await event in coordinator.events {
                    if case .listening = event { health.set(Self.listeningCheck, true) }
                }
            }
            if let elector {
                group.addTask {
                    do {
                        try await elector.holdLeadership()
                    } catch {
                        // Another coordinator may take over now: stop before it starts writing.
                        coordinator.shutdown()
                        throw error
                    }
                }
            }
            try await group.next()
            coordinator.shutdown()
            group.cancelAll()
            try await group.waitForAll()
        }
        await elector?.release()
    }

    func drain() async {
        let coordinator = state.withLock { state in
            state.stopped = true
            return state.coordinator
        }
        stopSink.finish()
        coordinator?.shutdown()
    }

    func publish(to metrics: SnapshotPublisher, health: HealthState) async {
        guard let coordinator = state.withLock({ $0.coordinator }) else { return }
        let counters = await coordinator.counters
        let cache = await coordinator.cacheCounters
        let assignments = await coordinator.assignments
        CoordinatorMetricsExport.publish(counters, cache: cache, assignments: assignments, to: metrics)
        health.set(Self.assignedCheck, !assignments.isEmpty)
    }

    static let leaderCheck = "leader"
    static let listeningCheck = "listening"
    static let assignedCheck = "assigned"
    static let checks = [leaderCheck, listeningCheck, assignedCheck]

    /// Waits for the Lease, or returns false when drained first.
    private func acquireUnlessStopped(_ elector: LeaderElector) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await elector.acquire()
                return true
            }
            group.addTask { [stop] in
                for await _ in stop {}
                return false
            }
            let acquired = try await group.next() ?? false
            group.cancelAll()
            return acquired
        }
    }
}
