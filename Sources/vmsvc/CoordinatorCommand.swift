import ArgumentParser
import KubeModel
import ShardTransport

/// `vmsvc coordinator`: lists and watches the cluster and hands namespaces to workers.
struct CoordinatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract:
            "Watch VirtualMachines, VirtualMachineServices, Services and Endpoints and shard namespaces over workers.",
        discussion: """
            Serves /metrics, /healthz and /readyz (ready: leader, listening, at least one namespace assigned). \
            SIGTERM or SIGINT: stop watching, close the worker socket, release the Lease, exit 0.
            """
    )

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var coordinator: CoordinatorOptions
    @OptionGroup var shardSecurity: ShardSecurityOptions

    @Option(
        help: ArgumentHelp(
            "VirtualMachineService API version to list and watch (v1alpha3 or v1alpha6); the workers' --api-version should match. Env: VMSVC_API_VERSION. Default: v1alpha3.",
            valueName: "version"))
    var apiVersion: VirtualMachineService.APIVersion?
    @OptionGroup var heartbeat: HeartbeatOptions
    @OptionGroup var probes: ProbeOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var shutdown: ShutdownOptions
    @OptionGroup var configFile: ConfigFileOptions

    func run() async throws {
        let listen = coordinator.endpoint(default: "tcp://0.0.0.0:7400")
        let security = try shardSecurity.server(endpoint: listen)
        let config = try cluster.config()
        let version = VirtualMachineService.APIVersion.resolved(flag: apiVersion)
        var effective = cluster.metadata(config).merging(coordinator.metadata(config, listen: listen)) { $1 }
        effective["apiVersion"] = "\(version.rawValue)"
        if case .curve(_, let allowed) = security {
            effective["shardChannel"] = "curve (\(allowed.count) worker keys allowed)"
        } else {
            effective["shardChannel"] = "plain"
        }
        let runtime = try await OperatorRuntime.start(
            Self.self, logging: logging, probes: probes, defaults: .coordinator, shutdown: shutdown,
            checks: CoordinatorRole.checks, configuration: effective.merging(heartbeat.metadata) { $1 })
        let client = cluster.client(config, component: "coordinator", logger: runtime.logger)
        let factory = RoleFactory(
            client: client, health: runtime.health, logger: runtime.logger, heartbeat: heartbeat.settings)
        try await runtime.run([
            try factory.coordinator(coordinator, listen: listen, context: nil, security: security, vmServiceVersion: version)
        ])
    }
}
