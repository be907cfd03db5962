import ArgumentParser
import ShardTransport

/// `vmsvc worker`: syncs the namespaces a coordinator assigns.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Keep the Services and Endpoints of the namespaces a coordinator assigns in step with their VMs.",
        discussion: """
            Serves /metrics, /healthz and /readyz (ready: at least one namespace assigned and a snapshot of each). SIGTERM or SIGINT: \
            take no more work, sync every pending service now, finish writes in flight, exit 0.
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(
        help: ArgumentHelp(
            "The coordinator's endpoint, tcp://HOST:PORT. Env: VMSVC_COORDINATOR. Default: tcp://127.0.0.1:7400.",
            valueName: "endpoint"))
    var coordinator: String?

    @Option(
        help: ArgumentHelp(
            "Follow the coordinator the leader Lease NAMESPACE/NAME advertises (annotation vmsvc.vmware.com/coordinator-endpoint), read every heartbeat interval; --coordinator is used until it names one. Env: VMSVC_COORDINATOR_LEASE. Default: off.",
            valueName: "namespace/name"))
    var coordinatorLease: String?

    @Option(help: ArgumentHelp("Unique worker id. Env: VMSVC_WORKER_ID. Default: HOST-PID.", valueName: "id"))
    var workerID: String?

    @OptionGroup var shardSecurity: ShardSecurityOptions
    @OptionGroup var worker: WorkerOptions
    @OptionGroup var reconcile: ReconcileFlags
    @OptionGroup var heartbeat: HeartbeatOptions
    @OptionGroup var probes: ProbeOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var shutdown: ShutdownOptions
    @OptionGroup var configFile: ConfigFileOptions

    private var followedLease: (namespace: String, name: String)? {
        (coordinatorLease ?? Environment.string("VMSVC_COORDINATOR_LEASE")).flatMap(LeaderFollower.parse)
    }

    func validate() throws {
        if let coordinatorLease, LeaderFollower.parse(coordinatorLease) == nil {
            throw ValidationError("--coordinator-lease must be NAMESPACE/NAME, got \(coordinatorLease)")
        }
    }

    func run() async throws {
        let endpoint = coordinator ?? Environment.string("VMSVC_COORDINATOR") ?? "tcp://127.0.0.1:7400"
        let id = workerID ?? Environment.string("VMSVC_WORKER_ID") ?? WorkerOptions.defaultIdentity
        let security = try shardSecurity.client(endpoint: endpoint)
        let config = try cluster.config()
        var effective = cluster.metadata(config).merging(worker.metadata) { $1 }.merging(reconcile.metadata) { $1 }
            .merging(heartbeat.metadata) { $1 }
        effective["coordinator"] = "\(endpoint)"
        effective["workerID"] = "\(id)"
        effective["coordinatorLease"] = "\(followedLease.map { "\($0.namespace)/\($0.name)" } ?? "")"
        if case .curve = security { effective["shardChannel"] = "curve" } else { effective["shardChannel"] = "plain" }
        let runtime = try await OperatorRuntime.start(
            Self.self, logging: logging, probes: probes, defaults: .worker, shutdown: shutdown, checks: ["assigned"],
            configuration: effective)
        let client = cluster.client(config, maxInFlight: worker.inflight, component: "worker/\(id)", logger: runtime.logger)
        let factory = RoleFactory(
            client: client, health: runtime.health, logger: runtime.logger, heartbeat: heartbeat.settings)
        let role = try factory.worker(
            worker, reconcile: reconcile, id: id, coordinator: endpoint, context: nil, security: security,
            readinessCheck: "assigned")
        var roles: [any OperatorRole] = [role]
        if let lease = followedLease {
            roles.append(
                LeaderFollower(
                    client: client, lease: lease, period: heartbeat.interval, transport: role.transport,
                    logger: runtime.logger))
        }
        try await runtime.run(roles)
    }
}
