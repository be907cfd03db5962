import Foundation
import KubeClient
import KubeModel
import KubeSim
import Logging

/// A kube-sim started in-process on a free port with the project's CRDs, and a KubeClient
/// talking to it, for one test.
struct SimCluster: Sendable {
    let sim: KubeSim
    let client: KubeClient

    static func with<T>(_ body: (SimCluster) async throws -> T) async throws -> T {
        let sim = KubeSim(
            configuration: KubeSimConfiguration(port: 0, crdDirectories: [repositoryRoot + "/deploy/crds"], threads: 1))
        let port = try await sim.start()
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(port)"),
            options: KubeClient.Options(qps: 0, maxInFlight: 16), logger: Logger(label: "verify-tests"))
        let cluster = SimCluster(sim: sim, client: client)
        do {
            let result = try await body(cluster)
            try await sim.stop()
            return result
        } catch {
            try? await sim.stop()
            throw error
        }
    }

    /// The package root, found from this file's path (Tests/VerifyTests/Support/…).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    func createNamespace(_ name: String) async throws {
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: name)))
    }

    /// Creates a VM, then sets its status through the status subresource (the only way a
    /// create carries status into a CRD object).
    func createVM(_ vm: VirtualMachine) async throws {
        var spec = vm
        spec.status = nil
        _ = try await client.create(spec)
        guard let status = vm.status else { return }
        try await patchVMStatus(vm.namespace, vm.name, status)
    }

    func patchVMStatus(_ namespace: String, _ name: String, _ status: VirtualMachineStatus) async throws {
        let body = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(["status": status]))
        _ = try await client.patch(
            VirtualMachine.self, name: name, namespace: namespace, patch: .merge(body), subresource: "status")
    }

    func patch<T: KubernetesObject>(
        _ type: T.Type, _ namespace: String, _ name: String, _ body: JSONValue,
        subresource: String? = nil
    ) async throws {
        _ = try await client.patch(
            T.self, name: name, namespace: namespace, patch: .merge(body), subresource: subresource)
    }
}
