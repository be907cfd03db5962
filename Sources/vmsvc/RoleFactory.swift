import Coordinator
import KubeClient
import KubeModel
import Logging
import Observability
import ShardTransport
import Worker
import ZeroMQ

/// Builds the roles from the parsed flags; the commands differ only in which roles they
/// run and how the workers reach the coordinator.
struct RoleFactory {
    let client: KubeClient
    let health: HealthState
    let logger: Logger
    var heartbeat = Heartbeat()

    /// `--heartbeat-interval` and `--heartbeat-liveness`, for both ends of the shard channel.
    struct Heartbeat {
        var interval: Duration = .seconds(1)
        var liveness = 3
    }

    func coordinator(
        _ options: CoordinatorOptions, listen: String, context: ZMQContext?, security: ShardServerSecurity = .plain,
        vmServiceVersion: VirtualMachineService.APIVersion
    ) throws -> CoordinatorRole {
        var config = CoordinatorConfig(listen: listen)
        config.context = context
        config.shardSecurity = security
        config.kubeClient = client
        config.vmServiceVersion = vmServiceVersion
        config.namespaceSelector = try options.selector()
        config.logger = Logger(label: "vmsvc.coordinator")
        config.heartbeatInterval = heartbeat.interval
        config.heartbeatLiveness = heartbeat.liveness
        return CoordinatorRole(
            config: config, election: options.election(client.config, listen: listen), client: client, health: health,
            logger: logger)
    }

    func worker(
        _ options: WorkerOptions, reconcile: ReconcileFlags, id: String, coordinator endpoint: String,
        context: ZMQContext?, security: ShardClientSecurity = .plain, readinessCheck: String
    ) throws -> WorkerRole {
        var configuration = WorkerConfiguration()
        configuration.batchPeriod = options.batch.duration
        configuration.batchPolicy = options.policy
        configuration.maxInflight = options.inflight
        configuration.reconcileOptions = reconcile.options
        configuration.provider = reconcile.reconciler.provider
        configuration.identity = id
        var transportConfig = ShardClientConfig(workerID: id, endpoint: endpoint)
        transportConfig.context = context
        transportConfig.security = security
        transportConfig.logger = Logger(label: "vmsvc.worker.transport")
        transportConfig.heartbeatInterval = heartbeat.interval
        transportConfig.heartbeatLiveness = heartbeat.liveness
        let transport = try ShardClient(config: transportConfig)
        configuration.ownershipConfirmed = { transport.ownershipConfirmed }
        let writer = KubeClientWriter(client: client, vmServiceVersion: reconcile.version)
        let engine = Worker(
            writer: writer, clock: ContinuousClock(), configuration: configuration,
            logger: Logger(label: "vmsvc.worker"))
        return WorkerRole(engine: engine, transport: transport, readinessCheck: readinessCheck)
    }
}
