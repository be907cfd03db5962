import Foundation
import KubeModel
import Testing

@testable import KubeClient

/// The reflector against a scripted server: list, watch, resume from the last version after
/// a normal close, relist after 410 with the missed deletion reported in the replace.
@Suite struct ReflectorHTTPTests {
    static func lease(_ name: String, rv: Int, holder: String = "x") -> String {
        #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"\#(name)","namespace":"ns","uid":"uid-\#(name)","resourceVersion":"\#(rv)"},"spec":{"holderIdentity":"\#(holder)"}}"#
    }

    static func list(rv: Int, _ items: [String]) -> CannedHTTPServer.Response {
        .full(status: 200, body: #"{"kind":"LeaseList","metadata":{"resourceVersion":"\#(rv)"},"items":[\#(items.joined(separator: ","))]}"#)
    }

    static func event(_ type: String, _ object: String) -> String {
        #"{"type":"\#(type)","object":\#(object)}"# + "\n"
    }

    static func query(_ target: String, _ name: String) -> String? {
        URLComponents(string: target)?.queryItems?.first { $0.name == name }?.value
    }

    @Test func resumesAfterACloseAndRelistsAfterGoneReportingMissedDeletions() async throws {
        let lists = Counter()
        let watches = Counter()
        let server = try CannedHTTPServer { request in
            guard Self.query(request.target, "watch") == "true" else {
                return lists.next() == 1
                    ? Self.list(rv: 10, [Self.lease("a", rv: 1), Self.lease("b", rv: 2)])
                    : Self.list(rv: 20, [Self.lease("a", rv: 12, holder: "z")])
            }
            switch watches.next() {
            case 1:
                return .chunks([
                    Self.event("MODIFIED", Self.lease("a", rv: 11, holder: "y")),
                    Self.event("BOOKMARK", #"{"kind":"Lease","metadata":{"resourceVersion":"12"}}"#),
                ])
            case 2:
                return .chunks([Self.event("ERROR", #"{"kind":"Status","apiVersion":"v1","code":410,"reason":"Expired","message":"too old"}"#)])
            default:
                return .chunks([Self.event("ADDED", Self.lease("c", rv: 21))], hang: true)
            }
        }
        defer { server.stop() }
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0))
        let reflector = Reflector<Lease>(client: client, options: Reflector.Options(namespace: "ns", pageSize: 50))

        var seen: [String] = []
        for await event in reflector.events() {
            switch event {
            case .replaced(let objects, let deleted):
                seen.append("replace \(objects.map(\.name)) deleted \(deleted.map(\.name))")
            case .added(let object):
                seen.append("add \(object.name)")
            case .updated(let old, let new):
                seen.append("update \(old.spec?.holderIdentity ?? "") -> \(new.spec?.holderIdentity ?? "")")
            case .deleted(let object):
                seen.append("delete \(object.name)")
            }
            if seen.count == 4 { break }
        }
        #expect(seen == [
            "replace [\"a\", \"b\"] deleted []",
            "update x -> y",
            "replace [\"a\"] deleted [\"b\"]",
            "add c",
        ])
        let watchRequests = server.requests.filter { Self.query($0.target, "watch") == "true" }
        #expect(watchRequests.map { Self.query($0.target, "resourceVersion") } == ["10", "12", "20"])
        for request in watchRequests {
            let timeout = Int(Self.query(request.target, "timeoutSeconds") ?? "") ?? 0
            #expect((300...600).contains(timeout))
            #expect(Self.query(request.target, "allowWatchBookmarks") == "true")
        }
        let listRequests = server.requests.filter { Self.query($0.target, "watch") == nil }
        #expect(listRequests.allSatisfy { Self.query($0.target, "limit") == "50" })
    }

    @Test(.timeLimit(.minutes(1))) func aConsumerThatStopsIteratingStopsTheReflector() async throws {
        let server = try CannedHTTPServer { request in
            guard Self.query(request.target, "watch") == "true" else { return Self.list(rv: 10, []) }
            return .chunks([Self.event("ADDED", Self.lease("a", rv: 11))], hang: true)
        }
        defer { server.stop() }
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0))
        for await event in Reflector<Lease>(client: client).events() {
            if case .added = event { break }
        }
        // The watch was open when the loop ended: leaving the loop closes it.
        var hungUp = server.hungUp.makeAsyncIterator()
        #expect(await hungUp.next() != nil)
        #expect(server.requests.filter { Self.query($0.target, "watch") == "true" }.count == 1)
    }

    @Test func aStalledWatchIsRestartedFromTheLastVersionSeen() async throws {
        let watches = Counter()
        let server = try CannedHTTPServer { request in
            guard Self.query(request.target, "watch") == "true" else { return Self.list(rv: 10, []) }
            return watches.next() == 1
                ? .chunks([Self.event("ADDED", Self.lease("a", rv: 11))], hang: true)
                : .chunks([Self.event("ADDED", Self.lease("b", rv: 12))], hang: true)
        }
        defer { server.stop() }
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0))
        let reflector = Reflector<Lease>(
            client: client,
            options: Reflector.Options(
                stallTimeout: .seconds(1), backoff: RetryPolicy(initialBackoff: .milliseconds(10), jitter: 0)))
        var added: [String] = []
        for await event in reflector.events() {
            if case .added(let object) = event { added.append(object.name) }
            if added.count == 2 { break }
        }
        #expect(added == ["a", "b"])
        let watchVersions = server.requests.filter { Self.query($0.target, "watch") == "true" }
            .map { Self.query($0.target, "resourceVersion") }
        #expect(watchVersions == ["10", "11"])
    }

    @Test func streamingListCollectsInitialEventsIntoOneReplace() async throws {
        let server = try CannedHTTPServer { request in
            guard Self.query(request.target, "sendInitialEvents") == "true" else {
                return .full(status: 500, body: "unexpected")
            }
            return .chunks([
                Self.event("ADDED", Self.lease("a", rv: 1)),
                Self.event("ADDED", Self.lease("b", rv: 2)),
                Self.event("BOOKMARK", #"{"kind":"Lease","metadata":{"resourceVersion":"2","annotations":{"k8s.io/initial-events-end":"true"}}}"#),
                Self.event("DELETED", Self.lease("a", rv: 3)),
            ], hang: true)
        }
        defer { server.stop() }
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0))
        let reflector = Reflector<Lease>(client: client, options: Reflector.Options(streamingList: true))
        var seen: [String] = []
        for await event in reflector.events() {
            switch event {
            case .replaced(let objects, _): seen.append("replace \(objects.map(\.name))")
            case .deleted(let object): seen.append("delete \(object.name)")
            case .added, .updated: seen.append("other")
            }
            if seen.count == 2 { break }
        }
        #expect(seen == ["replace [\"a\", \"b\"]", "delete a"])
        #expect(Self.query(server.requests[0].target, "resourceVersionMatch") == "NotOlderThan")
    }

    @Test func streamingListFallsBackToListsWhenRejected() async throws {
        let server = try CannedHTTPServer { request in
            if Self.query(request.target, "sendInitialEvents") == "true" {
                return .full(status: 422, body: #"{"kind":"Status","apiVersion":"v1","code":422,"reason":"Invalid","message":"sendInitialEvents is forbidden"}"#)
            }
            if Self.query(request.target, "watch") == "true" { return .chunks([], hang: true) }
            return Self.list(rv: 5, [Self.lease("a", rv: 5)])
        }
        defer { server.stop() }
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", namespace: "ns"),
            options: KubeClient.Options(qps: 0))
        let reflector = Reflector<Lease>(client: client, options: Reflector.Options(streamingList: true))
        for await event in reflector.events() {
            guard case .replaced(let objects, _) = event else {
                Issue.record("expected a replace first")
                break
            }
            #expect(objects.map(\.name) == ["a"])
            break
        }
    }
}
