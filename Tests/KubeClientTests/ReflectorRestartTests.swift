import Foundation
import KubeModel
import Synchronization
import Testing

@testable import KubeClient

/// The reflector's restart hook and its resource override, against a scripted server.
@Suite struct ReflectorRestartTests {
    typealias Script = ReflectorHTTPTests

    @Test func everyRestartIsReportedWithItsReason() async throws {
        let lists = Counter()
        let watches = Counter()
        let server = try CannedHTTPServer { request in
            guard Script.query(request.target, "watch") == "true" else {
                return Script.list(rv: lists.next() == 1 ? 10 : 20, [Script.lease("a", rv: 1)])
            }
            switch watches.next() {
            case 1: return .chunks([Script.event("MODIFIED", Script.lease("a", rv: 11, holder: "y"))])
            case 2:
                return .chunks([
                    Script.event("ERROR", #"{"kind":"Status","apiVersion":"v1","code":410,"reason":"Expired"}"#)
                ])
            case 3: return .full(status: 500, body: "overloaded")
            default: return .chunks([Script.event("ADDED", Script.lease("c", rv: 21))], hang: true)
            }
        }
        defer { server.stop() }
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0))
        let restarts = RestartLog()
        let options = Reflector<Lease>.Options(
            backoff: RetryPolicy(initialBackoff: .milliseconds(10), jitter: 0),
            onRestart: { reason in restarts.reasons.withLock { $0.append(reason) } })
        for await event in Reflector<Lease>(client: client, options: options).events() {
            if case .added(let lease) = event, lease.name == "c" { break }
        }
        #expect(restarts.reasons.withLock { $0 } == [.watchEnded, .relist, .error])
    }

    @Test func aResourceOverrideIsListedAndWatchedInsteadOfTheModelsDefault() async throws {
        let server = try CannedHTTPServer { request in
            guard Script.query(request.target, "watch") == "true" else {
                return Script.list(rv: 10, [Script.lease("a", rv: 1)])
            }
            return .chunks([Script.event("ADDED", Script.lease("b", rv: 11))], hang: true)
        }
        defer { server.stop() }
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0))
        var other = Lease.resource
        other.version = "v2beta1"
        let reflector = Reflector<Lease>(client: client, options: Reflector.Options(namespace: "ns", resource: other))
        for await event in reflector.events() {
            if case .added = event { break }
        }
        let paths = server.requests.map { $0.target.split(separator: "?")[0] }
        #expect(paths.count == 2)
        #expect(paths.allSatisfy { $0 == "/apis/coordination.k8s.io/v2beta1/namespaces/ns/leases" })
    }
}

/// What the hook reported, shared with the reflector's task.
private final class RestartLog: Sendable {
    let reasons = Mutex<[ReflectorRestart]>([])
}
