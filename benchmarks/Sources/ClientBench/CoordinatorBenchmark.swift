import ArgumentParser
import Coordinator
import KubeClient
import KubeModel

/// `client-bench coordinator`: the ceiling of the coordinator's single decode point — watch
/// events per second it can decode, project and route (see `CoordinatorPipeline`). The fleet
/// is loaded first (untimed); the churn over it is timed.
struct CoordinatorBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator", abstract: "Events/s the coordinator can decode, project and route.")

    @Option(help: "Namespaces of the fleet.")
    var namespaces = 100

    @Option(help: "VMs per namespace.")
    var vmsPerNamespace = 200

    @Option(help: "Services per namespace (label moves go between them).")
    var servicesPerNamespace = 20

    @Option(help: "Churn events decoded, projected and routed.")
    var events = 20_000

    @Option(help: "Workers the namespaces are spread over.")
    var workers = 4

    @Option(help: "Rounds; the fastest is reported.")
    var rounds = 3

    func run() throws {
        var fleet = SyntheticFleet(
            namespaces: namespaces, vmsPerNamespace: vmsPerNamespace, servicesPerNamespace: servicesPerNamespace)
        let initial = fleet.initialFrames().chunks(of: 16_384)
        let churn = fleet.churnFrames(events)
        let chunks = churn.chunks(of: 16_384)
        let workerIDs = (0..<workers).map { "worker-\($0)" }
        print(
            "fleet: \(namespaces * vmsPerNamespace) VMs in \(namespaces) namespaces, \(workers) workers; "
                + "churn: \(events) events, \(churn.count) bytes")

        let (round, pipeline) = try Stopwatch.best(
            rounds: rounds,
            setUp: {
                var pipeline = CoordinatorPipeline(workers: workerIDs)
                for chunk in initial { try pipeline.feed(chunk) }
                pipeline.resetCounts()
                return pipeline
            },
            { pipeline in
                for chunk in chunks { try pipeline.feed(chunk) }
            })
        let (cpu, wall) = (Stopwatch.seconds(round.cpu), Stopwatch.seconds(round.elapsed))
        print(
            "decode+project+route: \(Int(Double(events) / cpu)) events per CPU second, "
                + "\(String(format: "%.1f", Double(churn.count) / 1_000_000 / cpu)) MB of watch JSON per CPU second "
                + "(wall clock: \(Int(Double(events) / wall)) events/s); "
                + "\(pipeline.routed) changes routed, \(events - pipeline.routed) dropped as irrelevant, "
                + "\(pipeline.deltas) Deltas of \(pipeline.deltaBytes) bytes (best of \(rounds))")
    }
}
