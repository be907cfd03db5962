import ArgumentParser

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
    @OptionGroup var probes: ProbeOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var shutdown: ShutdownOptions
    @OptionGroup var configFile: ConfigFileOptions

    func run() async throws {
        let listen = coordinator.endpoint(default: "tcp://0.0.0.0:7400")
        let config = try cluster.config()
        let runtime = try await OperatorRuntime.start(
            Self.self, logging: logging, probes: probes, defaults: .coordinator, shutdown: shutdown, checks: CoordinatorRole.checks,
            configuration: cluster.metadata(config).merging(coordinator.metadata(config, listen: listen)) { $1 })
        let client = cluster.client(config, logger: runtime.logger)
        let factory = RoleFactory(client: client, health: runtime.health, logger: runtime.logger)
        try await runtime.run([factory.coordinator(coordinator, listen: listen, context: nil)])
    }
}
