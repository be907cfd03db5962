import KubeModel
import NIOCore
import NIOHTTP1
import NIOPosix

@testable import KubeSim

/// A kube-sim started in-process on a free port, with a client, for one test.
struct SimHarness: Sendable {
    let sim: KubeSim
    let client: TestHTTPClient
    private let clientGroup: MultiThreadedEventLoopGroup

    static func with<T>(
        _ configuration: KubeSimConfiguration = KubeSimConfiguration(threads: 2),
        _ body: (SimHarness) async throws -> T
    ) async throws -> T {
        let sim = KubeSim(configuration: configuration)
        let port = try await sim.start()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let harness = SimHarness(sim: sim, client: TestHTTPClient(port: port, group: group), clientGroup: group)
        do {
            let result = try await body(harness)
            try await harness.shutdown()
            return result
        } catch {
            try? await harness.shutdown()
            throw error
        }
    }

    private func shutdown() async throws {
        try await sim.stop()
        try await clientGroup.shutdownGracefully()
    }

    // Shorthands for the requests most tests make.

    func get(_ path: String, accept: String = "application/json") async throws -> TestHTTPClient.Response {
        try await client.request(.GET, path, headers: [("Accept", accept)])
    }

    func post(_ path: String, _ json: JSONValue) async throws -> TestHTTPClient.Response {
        try await client.request(.POST, path, json: json)
    }

    func put(_ path: String, _ json: JSONValue) async throws -> TestHTTPClient.Response {
        try await client.request(.PUT, path, json: json)
    }

    func patch(_ path: String, _ body: String, type: String) async throws -> TestHTTPClient.Response {
        try await client.request(.PATCH, path, body: body, contentType: type)
    }

    func delete(_ path: String, _ options: JSONValue? = nil) async throws -> TestHTTPClient.Response {
        try await client.request(.DELETE, path, json: options)
    }

    static func configMap(_ name: String, labels: [String: String] = [:], extra: [String: JSONValue] = [:]) -> JSONValue {
        var metadata: JSONObject = ["name": .string(name)]
        if !labels.isEmpty { metadata["labels"] = .object(JSONObject(strings: labels)) }
        for (k, v) in extra { metadata[k] = v }
        return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata), "data": ["k": "v"]]
    }

    static let configMaps = "/api/v1/namespaces/default/configmaps"
}
