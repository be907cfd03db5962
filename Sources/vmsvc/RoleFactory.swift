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
        configuration.maxInflight = options.inflight
        configuration.reconcileOptions = reconcile.options
        configuration.provider = reconcile.reconciler.provider
        configuration.identity = id
        let writer = KubeClientWriter(client: client, vmServiceVersion: reconcile.version)
        let engine = Worker(
            writer: writer, clock: ContinuousClock(), configuration: configuration,
            logger: Logger(label: "vmsvc.worker"))
        var transport = ShardClientConfig(workerID: id, endpoint: endpoint)
        transport.context = context
        transport.security = security
        transport.logger = Logger(label: "vmsvc.worker.transport")
        return WorkerRole(engine: engine, transport: try ShardClient(config: transport), readinessCheck: readinessCheck)
    }
}
