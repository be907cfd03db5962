import ArgumentParser
import ZeroMQ

/// `vmsvc run`: the coordinator and N workers in one process, over ZeroMQ `inproc://`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the coordinator and N workers in one process (small clusters, local development).",
        discussion: """
            Serves /metrics, /healthz and /readyz (ready: leader, listening, a namespace assigned, and every \
            worker assigned and synced). SIGTERM or SIGINT: stop watching, let every worker sync what is pending and finish \
            its writes, release the Lease, exit 0.
            """
    )

    @Option(name: .customLong("workers"), help: "Workers in the process. Env: VMSVC_WORKERS. Default: 2.")
    var workersFlag: Int?

    var workers: Int { workersFlag ?? Environment.value("VMSVC_WORKERS") ?? 2 }

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var coordinator: CoordinatorOptions
    @OptionGroup var worker: WorkerOptions
    @OptionGroup var reconcile: ReconcileFlags
    @OptionGroup var heartbeat: HeartbeatOptions
    @OptionGroup var probes: ProbeOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var shutdown: ShutdownOptions
    @OptionGroup var configFile: ConfigFileOptions

    func run() async throws {
        // Here, not in validate(): the count may come from the environment or the config file.
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        let listen = coordinator.endpoint(default: "inproc://vmsvc")
        let config = try cluster.config()
        let ids = (0..<workers).map { "\(WorkerOptions.defaultIdentity)-w\($0)" }
        var effective = cluster.metadata(config).merging(coordinator.metadata(config, listen: listen)) { $1 }
            .merging(worker.metadata) { $1 }.merging(reconcile.metadata) { $1 }
        effective.merge(heartbeat.metadata) { $1 }
        effective["workers"] = "\(workers)"
        let checks = CoordinatorRole.checks + ids.map { "assigned/\($0)" }
        let runtime = try await OperatorRuntime.start(
            Self.self, logging: logging, probes: probes, defaults: .coordinator, shutdown: shutdown, checks: checks, configuration: effective)
        let client = cluster.client(config, maxInFlight: worker.inflight, component: "run", logger: runtime.logger)
        let factory = RoleFactory(
            client: client, health: runtime.health, logger: runtime.logger, heartbeat: heartbeat.settings)
        // inproc:// endpoints exist only inside one ZeroMQ context: everyone shares this one.
        let context = try ZMQContext()
        var roles: [any OperatorRole] = [
            try factory.coordinator(coordinator, listen: listen, context: context, vmServiceVersion: reconcile.version)
        ]
        for id in ids {
            roles.append(
                try factory.worker(
                    worker, reconcile: reconcile, id: id, coordinator: listen, context: context,
                    readinessCheck: "assigned/\(id)"))
        }
        try await runtime.run(roles)
    }
}
