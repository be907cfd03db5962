import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import KubeSim
import Logging

/// `client-bench patch`: concurrent JSON merge patches per second through `KubeClient` over
/// HTTP/1.1, with the connections to the server capped at 1 (every request waits for the one
/// before it) or pooled. Against an in-process kube-sim unless `--kubeconfig` names a server.
struct PatchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patch", abstract: "Concurrent merge patches/s over one HTTP/1.1 connection vs a pool.")

    @Option(help: "A server to patch (default: an in-process kube-sim).")
    var kubeconfig: String?

    @Option(help: "Patches per measurement.")
    var requests = 10_000

    @Option(help: "Patches in flight at once.")
    var concurrency = 64

    @Option(help: "ConfigMaps the patches are spread over.")
    var objects = 100

    @Option(help: "Connection caps to compare, comma-separated (0: a pool as large as needed).")
    var connections = "1,4,0"

    private static let configMaps = ResourceDescriptor(
        group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    private static let namespace = "default"

    func run() async throws {
        var sim: KubeSim?
        var path = kubeconfig
        if path == nil {
            let started = KubeSim(logger: Logger(label: "kube-sim"))
            try await started.start()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("client-bench-\(getpid()).kubeconfig")
            try started.kubeconfig().write(to: file, atomically: true, encoding: .utf8)
            (sim, path) = (started, file.path)
        }
        let config = try ClusterConfig.load(kubeconfig: path, context: nil)
        try await seed(config)
        print("\(requests) merge patches, \(concurrency) in flight, over \(objects) ConfigMaps (\(sim == nil ? "external server" : "in-process kube-sim"))")
        for cap in connections.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            let client = KubeClient(
                config: config, options: KubeClient.Options(qps: 0, burst: 1, maxInFlight: 0, maxConnectionsPerHost: cap))
            _ = try await measure(client, count: min(requests, 500))  // warm-up: connections, caches
            let (elapsed, latencies) = try await measure(client, count: requests)
            let seconds = Stopwatch.seconds(elapsed)
            let sorted = latencies.sorted()
            print(
                "connections \(cap == 0 ? "pool" : String(cap)): \(Int(Double(requests) / seconds)) patches/s, "
                    + "latency p50 \(milliseconds(sorted, 0.5)) ms, p99 \(milliseconds(sorted, 0.99)) ms")
        }
        if let sim {
            try await sim.stop()
            if let path { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    private func seed(_ config: ClusterConfig) async throws {
        let client = KubeClient(config: config, options: KubeClient.Options(qps: 0, burst: 1, maxInFlight: 0))
        for index in 0..<objects {
            let object: JSONValue = .object([
                "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                "metadata": .object(["name": .string("bench-\(index)")]), "data": .object(["seq": .string("0")]),
            ])
            do {
                _ = try await client.create(object, in: Self.configMaps, namespace: Self.namespace)
            } catch KubeAPIError.alreadyExists {
                continue
            }
        }
    }

    /// `count` patches from `concurrency` tasks; returns the wall time and each latency.
    private func measure(_ client: KubeClient, count: Int) async throws -> (Duration, [Duration]) {
        let clock = ContinuousClock()
        let started = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for task in 0..<concurrency {
                group.addTask {
                    var own: [Duration] = []
                    for request in stride(from: task, to: count, by: concurrency) {
                        let patch: JSONValue = .object(["data": .object(["seq": .string("\(request)")])])
                        let sent = clock.now
                        _ = try await client.patch(
                            Self.configMaps, name: "bench-\(request % objects)", namespace: Self.namespace,
                            patch: .merge(patch), as: JSONValue.self)
                        own.append(clock.now - sent)
                    }
                    return own
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return (clock.now - started, latencies)
    }

    private func milliseconds(_ sorted: [Duration], _ quantile: Double) -> String {
        guard !sorted.isEmpty else { return "-" }
        let index = min(sorted.count - 1, Int(Double(sorted.count) * quantile))
        return String(format: "%.1f", Stopwatch.seconds(sorted[index]) * 1000)
    }
}
