import Foundation
import KubeClient
import KubeModel
import Logging
import Testing

/// kube-sim with authentication and RBAC on (`--token-auth-file`, `--rbac`), and the
/// operator as deployed: a coordinator and workers, each with a kubeconfig holding its own
/// ServiceAccount's token, so every request they make is authorized by the given manifests.
/// The test client is `admin` (group `system:masters`), which RBAC does not restrict.
enum RbacCluster {
    static let namespace = "vmsvc-system"
    static let coordinatorUser = "system:serviceaccount:vmsvc-system:vmsvc-coordinator"
    static let workerUser = "system:serviceaccount:vmsvc-system:vmsvc-worker"

    /// The RBAC tests run when kube-sim has RBAC mode and VMSVC_RBAC_E2E=1: they were written
    /// against sim-auth's flags but not yet run end to end (see the deploy branch's report).
    static let enabled = simSupportsRBAC && ProcessInfo.processInfo.environment["VMSVC_RBAC_E2E"] == "1"

    /// Whether this build's kube-sim has RBAC mode.
    static let simSupportsRBAC: Bool = {
        let process = Process()
        process.executableURL = ChildProcess.vmsvc
        process.arguments = ["sim", "--help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return false }
        let help = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return help.contains("--rbac") && help.contains("--token-auth-file")
    }()

    /// `deploy/rbac`, found from this file's path.
    static let manifests: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("deploy/rbac").path
    }()

    /// Starts kube-sim authorizing with the manifests in `rbacDirectory`, creates the
    /// operator's namespace, then the coordinator (with leader election) and `workers` workers.
    static func start(rbacDirectory: String, workers count: Int = 2, in scratch: ScratchDirectory) async throws
        -> Operator
    {
        let tokens = [
            "admin-token,admin,uid-admin,\"system:masters,system:authenticated\"",
            "coordinator-token,\(coordinatorUser),uid-coordinator,\"\(serviceAccountGroups)\"",
            "worker-token,\(workerUser),uid-worker,\"\(serviceAccountGroups)\"",
        ]
        let tokenFile = try scratch.write("tokens.csv", tokens.joined(separator: "\n") + "\n")
        let sim = try await SimProcess.start(
            in: scratch.url, extraArguments: ["--token-auth-file", tokenFile, "--rbac", rbacDirectory])
        var started = [sim.process]
        do {
            let url = sim.client.config.server
            let admin = KubeClient(
                config: ClusterConfig(server: url, credentials: .bearerToken(Redacted("admin-token"))),
                options: KubeClient.Options(qps: 0, maxInFlight: 32), logger: Logger(label: "rbac-e2e"))
            _ = try await admin.create(Namespace(metadata: ObjectMeta(name: namespace)))
            let coordinatorConfig = try scratch.write("coordinator.kubeconfig", kubeconfig(url, token: "coordinator-token"))
            let workerConfig = try scratch.write("worker.kubeconfig", kubeconfig(url, token: "worker-token"))
            let common = [
                "--log-format", "json", "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "0",
            ]
            let coordinator = try ChildProcess(
                "coordinator",
                arguments: [
                    "coordinator", "--kubeconfig", coordinatorConfig, "--listen", "tcp://127.0.0.1:*", "--leader-elect",
                ] + common)
            started.append(coordinator)
            let endpoint = try #require(
                await coordinator.logField("endpoint", inLineContaining: "coordinator listening"),
                "\(coordinator.output)")
            var workers: [ChildProcess] = []
            for index in 0..<count {
                let worker = try ChildProcess(
                    "worker \(index)",
                    arguments: [
                        "worker", "--kubeconfig", workerConfig, "--coordinator", endpoint, "--worker-id",
                        "rbac-w\(index)", "--batch-period", "20ms",
                    ] + common)
                workers.append(worker)
                started.append(worker)
            }
            return Operator(
                sim: sim.process, coordinator: coordinator, workers: workers, client: admin, kubeconfig: sim.kubeconfig)
        } catch {
            for process in started.reversed() { _ = await process.terminate() }
            throw error
        }
    }

    /// The groups kube-apiserver gives every ServiceAccount of vmsvc-system.
    static let serviceAccountGroups = "system:serviceaccounts,system:serviceaccounts:vmsvc-system,system:authenticated"

    /// A kubeconfig as a ServiceAccount token gives it, in the operator's namespace (which
    /// is then where the coordinator's leader Lease lives).
    static func kubeconfig(_ server: String, token: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: sim, cluster: {server: "\(server)"}}]
        users: [{name: sa, user: {token: \(token)}}]
        contexts: [{name: sa, context: {cluster: sim, user: sa, namespace: \(namespace)}}]
        current-context: sa
        """
    }

    /// Every line of the operator's processes that reports an authorization denial.
    static func denials(_ cluster: Operator) -> [String] {
        (cluster.workers + [cluster.coordinator]).flatMap { process in
            process.output.split(separator: "\n").filter { $0.contains("403 Forbidden") || $0.contains("is forbidden") }
                .map { "\(process.name): \($0)" }
        }
    }
}
