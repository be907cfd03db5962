import Foundation
import KubeClient
import KubeModel
import Logging
import Synchronization
import Testing
import VMServiceCore
import Verify

/// How the processes of an `Operator` are started.
struct OperatorSettings: Sendable {
    var workers = 2
    /// One `vmsvc run` instead of a coordinator and worker processes.
    var singleProcess = false
    var batchPeriod = "20ms"
    /// Added to every coordinator and worker command line (heartbeat flags...).
    var shardArguments: [String] = []
    var coordinatorArguments: [String] = []
    var workerArguments: [String] = []
    var simArguments: [String] = []
    /// Coordinators to start (more than one only makes sense with `--leader-elect`).
    var coordinators = 1
    /// A fixed port per coordinator, picked at run time: a standby advertises its endpoint
    /// in the Lease before it binds, so `tcp://…:*` cannot be used with election.
    var fixedCoordinatorPorts = false
    /// What the workers' flags configure, which `verify` must judge by (the command line's
    /// default is `--endpoints-mode both`).
    var options = ReconcileOptions(endpointsMode: .both)
    /// How the tcp shard channel is secured (`vmsvc run` uses inproc and ignores it).
    var channel = ShardChannel.insecure
    /// When set, kube-sim requires this bearer token (the kubeconfig it writes carries it,
    /// and so does `client`).
    var simToken: String?
    /// Kubeconfigs of their own for the coordinators and workers (RBAC tests give each role
    /// its ServiceAccount's token); nil: the one kube-sim writes.
    var coordinatorKubeconfig: String?
    var workerKubeconfig: String?
    /// Runs with the test client after kube-sim is up and before the operator starts.
    var prepare: (@Sendable (KubeClient) async throws -> Void)?

    /// Heartbeats every 200 ms, dead after 3 missed: failures are noticed in well under a
    /// second, so fault tests stay short.
    static let fastHeartbeats = OperatorSettings(
        shardArguments: ["--heartbeat-interval", "200ms", "--heartbeat-liveness", "3"])
    static let heartbeatInterval: Duration = .milliseconds(200)
}

/// kube-sim and the operator, each its own `vmsvc` process on ports it picks: either
/// coordinators and worker processes, or (`singleProcess`) one `vmsvc run`. Processes can be
/// added, killed and restarted while it runs, as the fault tests do.
final class Operator: Sendable {
    let settings: OperatorSettings
    let directory: URL
    let kubeconfig: String
    let client: KubeClient
    /// kube-sim's address: a restarted kube-sim binds the same port.
    let simURL: String
    private struct Processes {
        var sim: ChildProcess
        var coordinators: [ChildProcess] = []
        var coordinatorEndpoints: [String] = []
        var workers: [ChildProcess] = []
        var nextWorker = 0
    }
    private let processes: Mutex<Processes>

    var sim: ChildProcess { processes.withLock { $0.sim } }
    /// The first coordinator (or the `vmsvc run` process).
    var coordinator: ChildProcess { processes.withLock { $0.coordinators[0] } }
    var coordinators: [ChildProcess] { processes.withLock { $0.coordinators } }
    var workers: [ChildProcess] { processes.withLock { $0.workers } }

    private init(settings: OperatorSettings, directory: URL, kubeconfig: String, simURL: String, sim: ChildProcess) {
        self.settings = settings
        self.directory = directory
        self.kubeconfig = kubeconfig
        self.simURL = simURL
        let credentials = settings.simToken.map { Credentials.bearerToken(Redacted($0)) } ?? Credentials.none
        client = KubeClient(
            config: ClusterConfig(server: simURL, credentials: credentials),
            options: KubeClient.Options(qps: 0, maxInFlight: 32), logger: Logger(label: "e2e"))
        processes = Mutex(Processes(sim: sim))
    }

    /// - Parameters:
    ///   - workerFlags: extra flags of every worker (or of `vmsvc run`).
    ///   - options: what those flags configure.
    ///   - channel: how the tcp shard channel is secured.
    ///   - simToken: a bearer token kube-sim requires.
    static func start(
        workers count: Int = 2, singleProcess: Bool = false, workerFlags: [String] = [],
        options: ReconcileOptions = ReconcileOptions(endpointsMode: .both), channel: ShardChannel = .insecure,
        simToken: String? = nil, in directory: URL
    ) async throws -> Operator {
        var settings = OperatorSettings()
        settings.workers = count
        settings.singleProcess = singleProcess
        settings.workerArguments = workerFlags
        settings.options = options
        settings.channel = channel
        settings.simToken = simToken
        return try await start(settings, in: directory)
    }

    static func start(_ settings: OperatorSettings, in directory: URL) async throws -> Operator {
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let sim = try ChildProcess("sim", arguments: simArguments(settings, port: 0, kubeconfig: kubeconfig))
        let url: String
        do {
            let listening = try #require(await sim.line(containing: "kube-sim listening on"), "\(sim.output)")
            url = try #require(listening.split(separator: " ").last.map(String.init))
        } catch {
            _ = await sim.terminate()
            throw error
        }
        let cluster = Operator(settings: settings, directory: directory, kubeconfig: kubeconfig, simURL: url, sim: sim)
        do {
            try await cluster.startOperator()
        } catch {
            _ = await cluster.stop()
            throw error
        }
        return cluster
    }

    private static func simArguments(_ settings: OperatorSettings, port: Int, kubeconfig: String) -> [String] {
        ["sim", "--port", "\(port)", "--crds", crdDirectory, "--kubeconfig-out", kubeconfig] + settings.simArguments
            + (settings.simToken.map { ["--token", $0] } ?? [])
    }

    private func common(_ kubeconfig: String?) -> [String] {
        [
            "--kubeconfig", kubeconfig ?? self.kubeconfig, "--log-format", "json", "--metrics-bind-address", "127.0.0.1:0",
            "--health-probe-bind-address", "0",
        ]
    }

    private func startOperator() async throws {
        try await settings.prepare?(client)
        if settings.singleProcess {
            let run = try ChildProcess(
                "run",
                arguments: ["run", "--workers", "\(settings.workers)", "--batch-period", settings.batchPeriod]
                    + settings.shardArguments + settings.workerArguments + common(settings.workerKubeconfig))
            processes.withLock { $0.coordinators = [run] }
            return
        }
        for index in 0..<settings.coordinators {
            let port = settings.fixedCoordinatorPorts ? try FreePort.pick() : nil
            try await startCoordinator(name: index == 0 ? "coordinator" : "coordinator \(index)", port: port)
        }
        for _ in 0..<settings.workers { _ = try startWorker() }
    }

    /// Starts a coordinator process; with a port, it listens there (and the first line it
    /// must print is awaited only without election, as a standby does not listen yet).
    @discardableResult
    func startCoordinator(name: String = "coordinator", port: Int? = nil) async throws -> ChildProcess {
        let listen = port.map { "tcp://127.0.0.1:\($0)" } ?? "tcp://127.0.0.1:*"
        let coordinator = try ChildProcess(
            name,
            arguments: ["coordinator", "--listen", listen] + settings.shardArguments + settings.coordinatorArguments
                + settings.channel.coordinatorArguments + common(settings.coordinatorKubeconfig))
        processes.withLock { $0.coordinators.append(coordinator) }
        var endpoint = listen
        if port == nil {
            let line = try #require(
                await coordinator.line(containing: "coordinator listening"), "\(coordinator.output)")
            endpoint = try #require(Self.jsonField("endpoint", in: line), "\(line)")
        }
        processes.withLock { $0.coordinatorEndpoints.append(endpoint) }
        return coordinator
    }

    /// The coordinator `index` started again (after it was killed), on the same endpoint.
    @discardableResult
    func restartCoordinator(_ index: Int = 0) async throws -> ChildProcess {
        let (old, endpoint) = processes.withLock { ($0.coordinators[index], $0.coordinatorEndpoints[index]) }
        _ = await old.exitStatus()
        let port = endpoint.split(separator: ":").last.flatMap { Int($0) }
        let restarted = try ChildProcess(
            old.name,
            arguments: ["coordinator", "--listen", "tcp://127.0.0.1:\(port ?? 0)"] + settings.shardArguments
                + settings.coordinatorArguments + settings.channel.coordinatorArguments
                + common(settings.coordinatorKubeconfig))
        processes.withLock { $0.coordinators[index] = restarted }
        return restarted
    }

    /// Starts one more worker process (`worker N`, id `e2e-wN`) pointed at the first coordinator.
    func startWorker(batchPeriod: String? = nil) throws -> ChildProcess {
        let (index, endpoint) = processes.withLock { state in
            defer { state.nextWorker += 1 }
            return (state.nextWorker, state.coordinatorEndpoints[0])
        }
        let worker = try ChildProcess(
            "worker \(index)",
            arguments: [
                "worker", "--coordinator", endpoint, "--worker-id", Self.workerID(index), "--batch-period",
                batchPeriod ?? settings.batchPeriod,
            ] + settings.shardArguments + settings.workerArguments + settings.channel.workerArguments(index: index)
                + common(settings.workerKubeconfig))
        processes.withLock { $0.workers.append(worker) }
        return worker
    }

    static func workerID(_ index: Int) -> String { "e2e-w\(index)" }

    /// SIGTERM to kube-sim, then the same command on the same port (its `--data-dir` keeps
    /// the objects).
    func restartSim() async throws {
        let old = sim
        #expect(await old.terminate() == 0, "kube-sim drains")
        let port = simURL.split(separator: ":").last.flatMap { Int($0) } ?? 0
        let restarted = try ChildProcess("sim", arguments: Self.simArguments(settings, port: port, kubeconfig: kubeconfig))
        processes.withLock { $0.sim = restarted }
        _ = try #require(await restarted.line(containing: "kube-sim listening on"), "\(restarted.output)")
    }

    /// The project's CRDs, found from this file's path (Tests/EndToEndTests/Support/…).
    static let crdDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("deploy/crds").path
    }()

    /// SIGTERM to every process, workers and coordinators first; their exit statuses
    /// (a process killed by the test reports the signal's number).
    func stop() async -> [String: Int32] {
        var statuses: [String: Int32] = [:]
        let all = processes.withLock { $0.workers + $0.coordinators + [$0.sim] }
        for process in all {
            process.send(SIGCONT)  // a worker a test left stopped must be able to drain
            statuses[process.name] = await process.terminate()
        }
        return statuses
    }

    /// Polls `verify` until it reports no discrepancy or the deadline passes; the last report.
    func awaitConverged(within timeout: Duration = .seconds(90)) async throws -> VerifyReport {
        let deadline = ContinuousClock.now + timeout
        let verifier = ClusterVerifier(reconciler: Reconciler(options: settings.options))
        while true {
            do {
                let state = try await ClusterState.read(from: client, version: .v1alpha3)
                let report = verifier.verify(state, now: Time(secondsSince1970: Int64(Date().timeIntervalSince1970)))
                if report.isClean || ContinuousClock.now > deadline { return report }
            } catch where ContinuousClock.now < deadline {
                // kube-sim restarting or injecting faults: read again.
            }
            // Convergence is an event in another process; verify again shortly.
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    static func jsonField(_ key: String, in line: String) -> String? {
        guard let start = line.firstIndex(of: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(line[start...].utf8)) as? [String: Any]
        else { return nil }
        return object[key] as? String
    }
}
