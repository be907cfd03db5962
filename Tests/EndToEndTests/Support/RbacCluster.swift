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

    /// `deploy/rbac`, found from this file's path.
    static let manifests: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("deploy/rbac").path
    }()

    /// Starts kube-sim authorizing with the manifests in `rbacDirectory`, creates the
    /// operator's namespace, then the coordinator (with leader election) and `workers` workers,
    /// each role with its ServiceAccount's token. The test client is `admin` (`--token`).
    static func start(rbacDirectory: String, workers count: Int = 2, in scratch: ScratchDirectory) async throws
        -> Operator
    {
        let tokens = [
            "coordinator-token,\(coordinatorUser),uid-coordinator,\"\(serviceAccountGroups)\"",
            "worker-token,\(workerUser),uid-worker,\"\(serviceAccountGroups)\"",
        ]
        let tokenFile = try scratch.write("tokens.csv", tokens.joined(separator: "\n") + "\n")
        var settings = OperatorSettings()
        settings.workers = count
        settings.simToken = "admin-token"
        settings.simArguments = ["--token-auth-file", tokenFile, "--rbac", rbacDirectory]
        settings.coordinatorArguments = ["--leader-elect"]
        // The kubeconfigs need kube-sim's address, known once it runs: written by `prepare`.
        let coordinatorConfig = scratch.url.appendingPathComponent("coordinator.kubeconfig").path
        let workerConfig = scratch.url.appendingPathComponent("worker.kubeconfig").path
        settings.coordinatorKubeconfig = coordinatorConfig
        settings.workerKubeconfig = workerConfig
        settings.prepare = { admin in
            let server = admin.config.server
            try kubeconfig(server, token: "coordinator-token").write(toFile: coordinatorConfig, atomically: true, encoding: .utf8)
            try kubeconfig(server, token: "worker-token").write(toFile: workerConfig, atomically: true, encoding: .utf8)
            _ = try await admin.create(Namespace(metadata: ObjectMeta(name: namespace)))
        }
        return try await Operator.start(settings, in: scratch.url)
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
