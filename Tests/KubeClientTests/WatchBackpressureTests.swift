import KubeModel
@testable import KubeSim
import Testing

@testable import KubeClient

/// A watch whose consumer falls behind stops reading at `streamBufferLimit` and, once the
/// consumer catches up, delivers everything it held back.
@Suite struct WatchBackpressureTests {
    static let configMaps = ResourceDescriptor(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    static let limit = 64 << 10

    /// Creates `count` ConfigMaps of about 4 KB each; returns the resourceVersion before them.
    static func fill(_ client: KubeClient, count: Int) async throws -> String {
        let before = try await client.list(configMaps, namespace: "default", as: JSONValue.self).metadata.resourceVersion ?? ""
        let payload = JSONValue.string(String(repeating: "x", count: 4096))
        for index in 0..<count {
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("cm-\(index)")], "data": ["k": payload],
            ]
            _ = try await client.create(object, in: configMaps, namespace: "default")
        }
        return before
    }

    /// Polls for a state of the transfer's thread, which announces nothing (as
    /// `EndToEndTests`' `eventually` polls other processes), for up to ten seconds.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<1000 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func aSlowConsumerPausesTheTransferAndLosesNothing() async throws {
        try await SimCluster.with { cluster in
            let count = 200
            let before = try await Self.fill(cluster.client, count: count)
            var configuration = cluster.client.transport.configuration
            configuration.streamBufferLimit = Self.limit
            let transport = CurlTransport(configuration: configuration)
            let request = try await cluster.client.httpRequest(KubeClient.APIRequest(
                method: "GET", path: "/api/v1/namespaces/default/configmaps",
                query: [("watch", "true"), ("resourceVersion", before)]))
            let stream = transport.stream(request, stallTimeout: .seconds(30))
            var chunks = stream.makeAsyncIterator()

            let lines = { (chunk: [UInt8]) in chunk.filter { $0 == UInt8(ascii: "\n") }.count }
            var events = lines(try await chunks.next() ?? [])
            // About 800 KB are on their way; the transfer stops at the limit.
            #expect(try await Self.eventually { stream.backpressure.isPaused })
            // At most one more libcurl write (16 KB) than the limit is ever held.
            #expect(stream.backpressure.buffered <= Self.limit + 16 << 10)

            while events < count, let chunk = try await chunks.next() { events += lines(chunk) }
            #expect(events == count)
            #expect(!stream.backpressure.isPaused)
        }
    }

    /// Through `KubeClient.watch`, which decodes only as its consumer asks: a consumer that
    /// starts late gets every event, in order, across the pauses.
    @Test func aLateWatchConsumerGetsEveryEventInOrder() async throws {
        var options = KubeClient.Options(qps: 0)
        options.watchBufferLimit = Self.limit
        try await SimCluster.with(options: options) { cluster in
            let count = 200
            let before = try await Self.fill(cluster.client, count: 0)
            let frames = cluster.client.watch(
                Self.configMaps, namespace: "default", options: WatchOptions(resourceVersion: before), as: JSONValue.self)
            _ = try await Self.fill(cluster.client, count: count)
            var names: [String] = []
            for try await frame in frames {
                guard case .event(let event) = frame else { continue }
                names.append(event.object["metadata"]?["name"]?.stringValue ?? "")
                if names.count == count { break }
            }
            #expect(names == (0..<count).map { "cm-\($0)" })
        }
    }

    /// kube-sim holds the events back (a long flush interval) so that they and the 410 ERROR of
    /// a compaction reach the client together: the events still come out, then the error.
    @Test func eventsBeforeAnErrorFrameInTheSameChunkAreDelivered() async throws {
        var configuration = KubeSimConfiguration(threads: 2)
        configuration.watchFlushIntervalMicroseconds = 60_000_000
        try await SimCluster.with(configuration) { cluster in
            let before = try await Self.fill(cluster.client, count: 1)
            var frames = cluster.client.watch(
                Self.configMaps, namespace: "default", options: WatchOptions(resourceVersion: before), as: JSONValue.self
            ).makeAsyncIterator()
            guard case .event(let first)? = try await frames.next() else {
                Issue.record("the first event did not arrive")
                return
            }
            #expect(first.object["metadata"]?["name"] == "cm-0")
            for name in ["a", "b", "c"] {
                let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)]]
                _ = try await cluster.client.create(object, in: Self.configMaps, namespace: "default")
            }
            _ = cluster.sim.server.compact()
            var names: [String] = []
            do {
                while let frame = try await frames.next() {
                    if case .event(let event) = frame { names.append(event.object["metadata"]?["name"]?.stringValue ?? "") }
                }
                Issue.record("the watch ended without its ERROR")
            } catch let error as KubeAPIError {
                guard case .gone = error else {
                    Issue.record("ended with \(error)")
                    return
                }
            }
            #expect(names == ["a", "b", "c"])
        }
    }
}
