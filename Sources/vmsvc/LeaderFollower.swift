import Coordinator
import KubeClient
import Logging
import Observability
import Synchronization
import Worker

/// `vmsvc worker --coordinator-lease NAMESPACE/NAME`: reads the leader Lease every `period`
/// and points the worker's transport at the endpoint the leader advertises there, so workers
/// follow a coordinator failover without a Service in front of the coordinators.
final class LeaderFollower: OperatorRole {
    let name = "leader follower"
    private let client: KubeClient
    private let namespace: String
    private let lease: String
    private let period: Duration
    private let transport: ShardClient
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(client: KubeClient, lease: (namespace: String, name: String), period: Duration, transport: ShardClient, logger: Logger) {
        self.client = client
        self.namespace = lease.namespace
        self.lease = lease.name
        self.period = period
        self.transport = transport
        self.logger = logger
    }

    /// `NAMESPACE/NAME`; nil when malformed.
    static func parse(_ text: String) -> (namespace: String, name: String)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }

    func run() async throws {
        let polling = Task { [self] in
            var current: String?
            while !Task.isCancelled {
                do {
                    if let endpoint = try await LeaderElector.leaderEndpoint(client: client, namespace: namespace, name: lease),
                        endpoint != current
                    {
                        logger.info("coordinator lease names a leader", metadata: ["endpoint": "\(endpoint)"])
                        current = endpoint
                        transport.follow(endpoint: endpoint)
                    }
                } catch {
                    logger.warning("cannot read the coordinator lease", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: period)
            }
        }
        task.withLock { $0 = polling }
        await polling.value
    }

    func drain() async {
        task.withLock { $0?.cancel() }
    }

    func publish(to metrics: SnapshotPublisher, health: HealthState) async {}
}
