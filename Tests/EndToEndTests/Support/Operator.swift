import Foundation
import KubeClient
import KubeModel
import Logging
import Testing
import VMServiceCore
import Verify

/// kube-sim and the operator, each its own `vmsvc` process on ports it picks: either a
/// coordinator and `workers` worker processes, or (`singleProcess`) one `vmsvc run`.
struct Operator {
    let sim: ChildProcess
    let coordinator: ChildProcess
    let workers: [ChildProcess]
    let client: KubeClient
    let kubeconfig: String

    /// `channel` secures the tcp shard channel; with `simToken`, kube-sim requires that bearer
    /// token (the kubeconfig it writes carries it, and so does `client`).
    static func start(
        workers count: Int = 2, singleProcess: Bool = false, channel: ShardChannel = .insecure,
        simToken: String? = nil, in directory: URL
    ) async throws -> Operator {
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let crds = crdDirectory
        let sim = try ChildProcess(
            "sim", arguments: ["sim", "--port", "0", "--crds", crds, "--kubeconfig-out", kubeconfig]
                + (simToken.map { ["--token", $0] } ?? []))
        var started = [sim]
        do {
            return try await start(
                sim: sim, started: &started, workers: count, singleProcess: singleProcess, channel: channel,
                simToken: simToken, kubeconfig: kubeconfig)
        } catch {
            for process in started { _ = await process.terminate() }
            throw error
        }
    }

    private static func start(
        sim: ChildProcess, started: inout [ChildProcess], workers count: Int, singleProcess: Bool,
        channel: ShardChannel, simToken: String?, kubeconfig: String
    ) async throws -> Operator {
        let listening = try #require(await sim.line(containing: "kube-sim listening on"), "\(sim.output)")
        let url = try #require(listening.split(separator: " ").last.map(String.init))
        let common = [
            "--kubeconfig", kubeconfig, "--log-format", "json", "--metrics-bind-address", "127.0.0.1:0",
            "--health-probe-bind-address", "0",
        ]
        let client = KubeClient(
            config: ClusterConfig(server: url, credentials: simToken.map { .bearerToken(Redacted($0)) } ?? Credentials.none), options: KubeClient.Options(qps: 0, maxInFlight: 32),
            logger: Logger(label: "e2e"))
        if singleProcess {
            let run = try ChildProcess(
                "run", arguments: ["run", "--workers", "\(count)", "--batch-period", "20ms"] + common)
            started.append(run)
            return Operator(sim: sim, coordinator: run, workers: [], client: client, kubeconfig: kubeconfig)
        }
        let coordinator = try ChildProcess(
            "coordinator",
            arguments: ["coordinator", "--listen", "tcp://127.0.0.1:*"] + channel.coordinatorArguments + common)
        started.append(coordinator)
        let line = try #require(await coordinator.line(containing: "coordinator listening"), "\(coordinator.output)")
        let endpoint = try #require(Self.jsonField("endpoint", in: line), "\(line)")
        var workers: [ChildProcess] = []
        for index in 0..<count {
            let worker = try ChildProcess(
                "worker \(index)",
                arguments: [
                    "worker", "--coordinator", endpoint, "--worker-id", "e2e-w\(index)", "--batch-period", "20ms",
                ]
                    + channel.workerArguments(index: index) + common)
            workers.append(worker)
            started.append(worker)
        }
        return Operator(sim: sim, coordinator: coordinator, workers: workers, client: client, kubeconfig: kubeconfig)
    }

    /// The project's CRDs, found from this file's path (Tests/EndToEndTests/Support/…).
    static let crdDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("deploy/crds").path
    }()

    /// SIGTERM to every process, workers and coordinator first; their exit statuses.
    func stop() async -> [String: Int32] {
        var statuses: [String: Int32] = [:]
        for process in workers + [coordinator, sim] { statuses[process.name] = await process.terminate() }
        return statuses
    }

    /// Polls `verify` until it reports no discrepancy or the deadline passes; the last report.
    func awaitConverged(within timeout: Duration = .seconds(90)) async throws -> VerifyReport {
        let deadline = ContinuousClock.now + timeout
        let verifier = ClusterVerifier(reconciler: Reconciler())
        while true {
            let state = try await ClusterState.read(from: client, version: .v1alpha3)
            let report = verifier.verify(state, now: Time(secondsSince1970: Int64(Date().timeIntervalSince1970)))
            if report.isClean || ContinuousClock.now > deadline { return report }
            // Convergence is an event in another process; verify again shortly.
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    private static func jsonField(_ key: String, in line: String) -> String? {
        guard let start = line.firstIndex(of: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(line[start...].utf8)) as? [String: Any]
        else { return nil }
        return object[key] as? String
    }
}
