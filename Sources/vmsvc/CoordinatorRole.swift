import Coordinator
import KubeClient
import Logging
import Observability
import Synchronization

/// The coordinator of a process: waits for the leader Lease when election is on, then
/// lists, watches and serves workers until drained or until the Lease is lost.
final class CoordinatorRole: OperatorRole {
    let name = "coordinator"
    private let config: CoordinatorConfig
    private let election: LeaderElector.Config?
    private let client: KubeClient
    private let health: HealthState
    private let logger: Logger
    private struct State {
        var coordinator: Coordinator?
        /// The election (waiting for the Lease, or leading); cancelled by a drain before
        /// the Lease is held.
        var election: Task<Void, any Error>?
        var stopped = false
    }
    private let state = Mutex(State())

    init(
        config: CoordinatorConfig, election: LeaderElector.Config?, client: KubeClient, health: HealthState,
        logger: Logger
    ) {
        self.config = config
        self.election = election
        self.client = client
        self.health = health
        self.logger = logger
    }

    func run() async throws {
        guard let election else { return try await lead() }
        let elector = LeaderElector(client: client, config: election, logger: logger)
        let task = Task { try await elector.run { try await self.lead() } }
        let stoppedAlready = state.withLock { state in
            state.election = task
            return state.stopped
        }
        if stoppedAlready { task.cancel() }
        do {
            try await task.value
        } catch {
            // A drain ends the election one way or another (cancelled while waiting, or
            // `lead` returned): both are the expected end. Anything else is lost leadership.
            guard state.withLock({ $0.stopped }) else { throw error }
        }
        await LeaseRelease.release(
            client: client, namespace: election.namespace, name: election.name, identity: election.identity,
            logger: logger)
    }

    /// Runs the coordinator while this process is the leader (or always, without election).
    private func lead() async throws {
        health.set(Self.leaderCheck, true)
        let coordinator = try Coordinator(config: config)
        let stopped = state.withLock { state in
            state.coordinator = coordinator
            return state.stopped
        }
        if stopped { coordinator.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await coordinator.run() }
            group.addTask { [health] in
                for await event in coordinator.events {
                    if case .listening = event { health.set(Self.listeningCheck, true) }
                }
            }
            try await group.waitForAll()
        }
        health.set(Self.leaderCheck, false)
    }

    func drain() async {
        let (coordinator, election) = state.withLock { state in
            state.stopped = true
            return (state.coordinator, state.election)
        }
        if let coordinator {
            coordinator.shutdown()
        } else {
            election?.cancel()
        }
    }

    func publish(to metrics: SnapshotPublisher, health: HealthState) async {
        guard let coordinator = state.withLock({ $0.coordinator }) else { return }
        let observation = await coordinator.observation
        CoordinatorMetricsExport.publish(observation, to: metrics)
        health.set(Self.assignedCheck, !observation.assignments.isEmpty)
    }

    static let leaderCheck = "leader"
    static let listeningCheck = "listening"
    static let assignedCheck = "assigned"
    static let checks = [leaderCheck, listeningCheck, assignedCheck]
}
