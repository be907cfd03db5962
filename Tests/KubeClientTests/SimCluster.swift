import Foundation
import KubeSim

@testable import KubeClient

/// kube-sim started in-process on a free port, and a `KubeClient` configured the way a user
/// would: from the kubeconfig kube-sim writes, through `KubeConfigLoader`.
struct SimCluster: Sendable {
    let sim: KubeSim
    let client: KubeClient

    static func with<T>(
        _ configuration: KubeSimConfiguration = KubeSimConfiguration(threads: 2),
        options: KubeClient.Options = KubeClient.Options(qps: 0),
        _ body: (SimCluster) async throws -> T
    ) async throws -> T {
        let sim = KubeSim(configuration: configuration)
        try await sim.start()
        do {
            let dir = try TemporaryDirectory()
            let file = try dir.write("kubeconfig", sim.kubeconfig())
            let config = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
            let result = try await body(SimCluster(sim: sim, client: KubeClient(config: config, options: options)))
            try await sim.stop()
            return result
        } catch {
            try? await sim.stop()
            throw error
        }
    }
}
