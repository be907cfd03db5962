import ArgumentParser

/// `client-bench`: the ceilings of the Kubernetes client and of the coordinator, measured
/// without an operator around them (benchmarks/README.md, "Client and coordinator ceilings").
@main
struct ClientBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-bench",
        abstract: "Client and coordinator micro-benchmarks.",
        subcommands: [PatchBenchmark.self, WatchDecodeBenchmark.self, CoordinatorBenchmark.self])
}
