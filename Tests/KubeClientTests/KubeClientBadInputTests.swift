import Foundation
import KubeModel
import Synchronization
import Testing

@testable import KubeClient

/// Bad bytes from the API server (docs/bad-input.md): each is logged and skipped or retried,
/// and the good objects around it still arrive.
@Suite(.timeLimit(.minutes(1))) struct KubeClientBadInputTests {
    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A frame whose name holds 0xFF 0xFE, which is not UTF-8.
    private static let nonUTF8Frame =
        bytes(#"{"type":"ADDED","object":{"kind":"Lease","metadata":{"name":""#) + [0xFF, 0xFE] + bytes("\"}}}\n")
    /// Balanced braces (so the frame is found) but not JSON: a comma is missing.
    private static let malformedFrame = bytes(#"{"type":"ADDED" "object":{"metadata":{"name":"m"}}}"# + "\n")

    private static func client(_ server: CannedHTTPServer, _ logs: CapturedLogs) -> KubeClient {
        KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0), logger: logs.logger)
    }

    /// A reflector on namespace `ns` that retries after 10 ms.
    private static func reflector(_ server: CannedHTTPServer, _ logs: CapturedLogs) -> Reflector<Lease> {
        Reflector<Lease>(
            client: client(server, logs),
            options: Reflector.Options(namespace: "ns", backoff: RetryPolicy(initialBackoff: .milliseconds(10), jitter: 0)))
    }

    @Test func nonUTF8AndMalformedWatchFramesAreLoggedAndTheNextFramesArrive() async throws {
        let server = try CannedHTTPServer { _ in
            .bytes([
                Self.nonUTF8Frame, Self.bytes(ReflectorHTTPTests.event("ADDED", ReflectorHTTPTests.lease("a", rv: 11))), Self.malformedFrame,
                Self.bytes(ReflectorHTTPTests.event("ADDED", ReflectorHTTPTests.lease("b", rv: 12))),
            ])
        }
        defer { server.stop() }
        let logs = CapturedLogs()
        var names: [String] = []
        for try await frame in Self.client(server, logs).watch(Lease.self, namespace: "ns") {
            if case .event(let event) = frame { names.append(event.object.name) }
        }
        #expect(names == ["a", "b"])
        #expect(logs.messages.filter { $0.hasPrefix("dropping malformed watch frame") }.count == 2, "\(logs.messages)")
    }

    @Test func nonUTF8AndMalformedListsAreRetriedUntilAGoodListArrives() async throws {
        let lists = Counter()
        let server = try CannedHTTPServer { request in
            guard ReflectorHTTPTests.query(request.target, "watch") == "true" else {
                switch lists.next() {
                case 1:
                    return .bytes([
                        Self.bytes(#"{"kind":"LeaseList","metadata":{"resourceVersion":"10"},"items":[{"metadata":{"name":""#)
                            + [0xC3, 0x28] + Self.bytes(#""}}]}"#)
                    ])
                case 2:
                    return .bytes([Self.bytes(#"{"kind":"LeaseList","metadata":{"resourceVersion":"10"},"items":[}"#)])
                default:
                    return ReflectorHTTPTests.list(rv: 10, [ReflectorHTTPTests.lease("a", rv: 9)])
                }
            }
            return .chunks([ReflectorHTTPTests.event("ADDED", ReflectorHTTPTests.lease("b", rv: 11))], hang: true)
        }
        defer { server.stop() }
        let logs = CapturedLogs()
        let reflector = Self.reflector(server, logs)
        var seen: [String] = []
        for await event in reflector.events() {
            switch event {
            case .replaced(let objects, _): seen.append("replace \(objects.map(\.name))")
            case .added(let object): seen.append("add \(object.name)")
            default: seen.append("other")
            }
            if seen.count == 2 { break }
        }
        #expect(seen == ["replace [\"a\"]", "add b"])
        let failures = logs.messages.filter { $0.hasPrefix("list/watch failed; retrying") }
        #expect(failures.count == 2, "\(logs.messages)")
        #expect(failures.allSatisfy { $0.contains("undecodable") }, "\(failures)")
    }

    @Test func aWatchCutMidFrameResumesFromTheLastWholeFrame() async throws {
        let watches = Counter()
        let second = Self.bytes(ReflectorHTTPTests.event("ADDED", ReflectorHTTPTests.lease("b", rv: 12)))
        let server = try CannedHTTPServer { request in
            guard ReflectorHTTPTests.query(request.target, "watch") == "true" else { return ReflectorHTTPTests.list(rv: 10, []) }
            return watches.next() == 1
                ? .bytes([Self.bytes(ReflectorHTTPTests.event("ADDED", ReflectorHTTPTests.lease("a", rv: 11))), Array(second.prefix(40))], cut: true)
                : .chunks([String(decoding: second, as: UTF8.self)], hang: true)
        }
        defer { server.stop() }
        let logs = CapturedLogs()
        let reflector = Self.reflector(server, logs)
        var added: [String] = []
        for await event in reflector.events() {
            if case .added(let object) = event { added.append(object.name) }
            if added.count == 2 { break }
        }
        #expect(added == ["a", "b"])
        let versions = server.requests.filter { ReflectorHTTPTests.query($0.target, "watch") == "true" }.map { ReflectorHTTPTests.query($0.target, "resourceVersion") }
        #expect(versions == ["10", "11"])
        let restart = logs.messages.first { $0.hasPrefix("list/watch failed; retrying") }
        #expect(restart?.contains("curl 18") == true, "\(logs.messages)")
    }

    @Test func fiveMegabyteObjectsAreListedAndWatchedBesideSmallOnes() async throws {
        let blob = String(repeating: "x", count: 5 << 20)
        func lease(_ name: String, annotation: String) -> Lease {
            Lease(
                metadata: ObjectMeta(name: name, namespace: "default", annotations: ["example.com/blob": annotation]),
                spec: LeaseSpec(holderIdentity: "a"))
        }
        try await SimCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(lease("big-listed", annotation: blob))
            _ = try await client.create(lease("small-listed", annotation: "s"))
            let list = try await client.list(Lease.self, namespace: "default")
            #expect(list.items.map(\.name).sorted() == ["big-listed", "small-listed"])
            #expect(list.items.first { $0.name == "big-listed" }?.metadata.annotations?["example.com/blob"]?.utf8.count == 5 << 20)
            let stream = client.watch(
                Lease.self, namespace: "default", options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
            _ = try await client.create(lease("big-watched", annotation: blob))
            _ = try await client.create(lease("small-watched", annotation: "s"))
            var seen: [String: Int] = [:]
            for try await frame in stream {
                guard case .event(let event) = frame else { continue }
                seen[event.object.name] = event.object.metadata.annotations?["example.com/blob"]?.utf8.count
                if seen.count == 2 { break }
            }
            #expect(seen == ["big-watched": 5 << 20, "small-watched": 1])
        }
    }
}
