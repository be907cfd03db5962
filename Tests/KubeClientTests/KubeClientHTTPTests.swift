import Foundation
import KubeModel
import Synchronization
import Testing

@testable import KubeClient

/// The client and its libcurl transport against `CannedHTTPServer`: what goes on the wire,
/// retries, the 401 path, and watch streams.
@Suite struct KubeClientHTTPTests {
    static let lease = #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l","namespace":"ns","resourceVersion":"5"}}"#
    static func status(_ code: Int, _ reason: String) -> String {
        #"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"\#(reason)","code":\#(code),"message":"m"}"#
    }

    static func client(
        _ server: CannedHTTPServer, credentials: Credentials = .bearerToken(Redacted("t")),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5))
    ) -> KubeClient {
        KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)", credentials: credentials, namespace: "ns"),
            options: KubeClient.Options(qps: 0, retry: retry))
    }

    @Test func manyConcurrentRequestsCompleteAndSequentialOnesReuseTheConnection() async throws {
        let server = try CannedHTTPServer { _ in .full(status: 200, body: Self.lease) }
        defer { server.stop() }
        let client = Self.client(server)
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<40 { group.addTask { try await client.get(Lease.self, name: "l").name } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(names.count == 40 && names.allSatisfy { $0 == "l" })
        let afterBurst = server.connections
        for _ in 0..<5 { _ = try await client.get(Lease.self, name: "l") }
        #expect(server.connections == afterBurst)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/apis/coordination.k8s.io/v1/namespaces/ns/leases/l")
        #expect(request.headers["user-agent"] == "vmsvc/\(VMSvcVersion.current)")
        #expect(request.headers["authorization"] == "Bearer t")
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
    }

    /// client-go's pager (`FullListIfExpired`): a continue token that expired mid-list is
    /// answered by one unpaginated list, not by an error that would restart from page one.
    @Test func anExpiredContinueTokenFallsBackToOneFullList() async throws {
        @Sendable func list(_ names: [String], continue token: String) -> String {
            let items = names.map { #"{"metadata":{"name":"\#($0)","namespace":"ns","resourceVersion":"5"}}"# }
            return #"{"kind":"LeaseList","apiVersion":"coordination.k8s.io/v1","metadata":{"resourceVersion":"9","continue":"\#(token)"},"items":[\#(items.joined(separator: ","))]}"#
        }
        let server = try CannedHTTPServer { request in
            if request.target.contains("continue=") { return .full(status: 410, body: Self.status(410, "Expired")) }
            if request.target.contains("limit=") { return .full(status: 200, body: list(["a", "b"], continue: "next")) }
            return .full(status: 200, body: list(["a", "b", "c"], continue: ""))
        }
        defer { server.stop() }
        let all = try await Self.client(server).listAll(Lease.self, namespace: "ns", options: ListOptions(limit: 2))
        #expect(all.items.map(\.metadata.name) == ["a", "b", "c"])
        #expect(server.requests.map(\.target).last?.contains("limit=") == false)
    }

    @Test func tooManyRequestsIsRetriedAfterRetryAfter() async throws {
        let calls = Counter()
        let server = try CannedHTTPServer { _ in
            calls.next() <= 2
                ? .full(status: 429, headers: [("Retry-After", "0")], body: Self.status(429, "TooManyRequests"))
                : .full(status: 200, body: Self.lease)
        }
        defer { server.stop() }
        let lease = try await Self.client(server).get(Lease.self, name: "l")
        #expect(lease.metadata.resourceVersion == "5")
        #expect(server.requests.count == 3)
    }

    @Test func serverErrorsAreRetriedABoundedNumberOfTimes() async throws {
        let server = try CannedHTTPServer { _ in .full(status: 500, body: Self.status(500, "InternalError")) }
        defer { server.stop() }
        await #expect {
            try await Self.client(server).get(Lease.self, name: "l")
        } throws: { error in
            guard case KubeAPIError.server = error else { return false }
            return true
        }
        #expect(server.requests.count == 3)
    }

    @Test func notFoundIsNotRetried() async throws {
        let server = try CannedHTTPServer { _ in .full(status: 404, body: Self.status(404, "NotFound")) }
        defer { server.stop() }
        await #expect {
            try await Self.client(server).get(Lease.self, name: "l")
        } throws: { error in
            guard case KubeAPIError.notFound(let status) = error else { return false }
            return status.reason == "NotFound"
        }
        #expect(server.requests.count == 1)
    }

    @Test func a401RereadsARotatedTokenFileAndRetriesOnce() async throws {
        let dir = try TemporaryDirectory()
        let tokenPath = try dir.write("token", "old")
        let server = try CannedHTTPServer { request in
            guard request.headers["authorization"] == "Bearer new" else {
                // Rotated while the request was in flight: same size, likely the same mtime second.
                try? "new".write(toFile: tokenPath, atomically: false, encoding: .utf8)
                return .full(status: 401, body: Self.status(401, "Unauthorized"))
            }
            return .full(status: 200, body: Self.lease)
        }
        defer { server.stop() }
        let client = Self.client(server, credentials: .tokenFile(TokenFile(path: tokenPath)))
        _ = try await client.get(Lease.self, name: "l")
        #expect(server.requests.map { $0.headers["authorization"] } == ["Bearer old", "Bearer new"])
    }

    @Test func aStaticTokenRejectedWith401IsUnauthorizedWithoutRetry() async throws {
        let server = try CannedHTTPServer { _ in .full(status: 401, body: Self.status(401, "Unauthorized")) }
        defer { server.stop() }
        await #expect {
            try await Self.client(server).get(Lease.self, name: "l")
        } throws: { error in
            guard case KubeAPIError.unauthorized = error else { return false }
            return true
        }
        #expect(server.requests.count == 1)
    }

    @Test func writesSendTheirBodiesContentTypesAndQueries() async throws {
        let server = try CannedHTTPServer { request in
            request.method == "DELETE"
                ? .full(status: 200, body: #"{"kind":"Status","apiVersion":"v1","status":"Success"}"#)
                : .full(status: 200, body: Self.lease)
        }
        defer { server.stop() }
        let client = Self.client(server)
        var lease = Lease(metadata: ObjectMeta(name: "l", namespace: "ns"), spec: LeaseSpec(holderIdentity: "me"))
        lease = try await client.create(lease, fieldManager: "vmsvc")
        _ = try await client.updateStatus(lease)
        _ = try await client.patch(
            Lease.self, name: "l", patch: .apply(.object(["spec": .object([:])]), fieldManager: "vmsvc", force: true))
        _ = try await client.patch(Lease.self, name: "l", patch: .json([.object(["op": .string("remove"), "path": .string("/spec")])]))
        try await client.delete(
            Lease.self, name: "l",
            options: DeleteOptions(preconditions: .init(uid: "u1"), propagationPolicy: .foreground))
        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "PUT", "PATCH", "PATCH", "DELETE"])
        #expect(requests[0].target == "/apis/coordination.k8s.io/v1/namespaces/ns/leases?fieldManager=vmsvc")
        #expect(String(decoding: requests[0].body, as: UTF8.self).contains(#""holderIdentity":"me""#))
        #expect(requests[1].target == "/apis/coordination.k8s.io/v1/namespaces/ns/leases/l/status")
        #expect(requests[2].headers["content-type"] == "application/apply-patch+yaml")
        #expect(requests[2].target.hasSuffix("?fieldManager=vmsvc&force=true"))
        #expect(String(decoding: requests[2].body, as: UTF8.self) == #"{"spec":{}}"#)
        #expect(requests[3].headers["content-type"] == "application/json-patch+json")
        #expect(String(decoding: requests[3].body, as: UTF8.self) == #"[{"op":"remove","path":"/spec"}]"#)
        let deleteBody = String(decoding: requests[4].body, as: UTF8.self)
        #expect(deleteBody.contains(#""propagationPolicy":"Foreground""#))
        #expect(deleteBody.contains(#""uid":"u1""#))
    }

    @Test func listSelectorsArePercentEncodedAndPagesFollowed() async throws {
        let server = try CannedHTTPServer { request in
            let more = !request.target.contains("continue=")
            let items = "[\(Self.lease)]"
            let meta = more ? #"{"resourceVersion":"10","continue":"tok/en"}"# : #"{"resourceVersion":"11"}"#
            return .full(status: 200, body: #"{"kind":"LeaseList","metadata":\#(meta),"items":\#(items)}"#)
        }
        defer { server.stop() }
        let list = try await Self.client(server).listAll(
            Lease.self, options: ListOptions(labelSelector: "app=web,tier!=db", limit: 1))
        #expect(list.items.count == 2)
        #expect(list.metadata.resourceVersion == "10")
        let targets = server.requests.map { $0.target.removingPercentEncoding ?? "" }
        #expect(targets[0] == "/apis/coordination.k8s.io/v1/leases?labelSelector=app=web,tier!=db&limit=1")
        #expect(targets[1].hasSuffix("&continue=tok/en"))
        #expect(server.requests[0].target.contains("app%3Dweb%2Ctier!%3Ddb"))
    }

    @Test func watchReassemblesFramesSplitAcrossChunks() async throws {
        let frames = [
            #"{"type":"ADDED","object":\#(Self.lease)}"# + "\n",
            #"{"type":"BOOKMARK","object":{"kind":"Lease","metadata":{"resourceVersion":"8"}}}"# + "\n",
        ].joined()
        let pieces = stride(from: 0, to: frames.utf8.count, by: 7).map { start in
            String(decoding: Array(frames.utf8)[start..<min(start + 7, frames.utf8.count)], as: UTF8.self)
        }
        let server = try CannedHTTPServer { _ in .chunks(pieces) }
        defer { server.stop() }
        var versions: [String] = []
        for try await frame in Self.client(server).watch(Lease.self, namespace: "ns") {
            versions.append(frame.resourceVersion ?? "?")
        }
        #expect(versions == ["5", "8"])
        let target = try #require(server.requests.first?.target)
        #expect(target.contains("watch=true") && target.contains("allowWatchBookmarks=true"))
    }

    @Test func aWatchErrorFrameEndsTheStreamWithItsError() async throws {
        let server = try CannedHTTPServer { _ in
            .chunks([#"{"type":"ERROR","object":\#(Self.status(410, "Expired"))}"# + "\n"])
        }
        defer { server.stop() }
        await #expect {
            for try await _ in Self.client(server).watch(Lease.self) {}
        } throws: { error in
            guard case KubeAPIError.gone = error else { return false }
            return true
        }
    }

    @Test func aWatchRejectedWithAStatusThrowsIt() async throws {
        let server = try CannedHTTPServer { _ in .full(status: 403, body: Self.status(403, "Forbidden")) }
        defer { server.stop() }
        await #expect {
            for try await _ in Self.client(server).watch(Lease.self) {}
        } throws: { error in
            guard case KubeAPIError.forbidden = error else { return false }
            return true
        }
    }

    @Test func aSilentWatchIsReportedStalled() async throws {
        let server = try CannedHTTPServer { _ in .chunks([#"{"type":"ADDED","object":\#(Self.lease)}"# + "\n"], hang: true) }
        defer { server.stop() }
        var received = 0
        await #expect {
            for try await _ in Self.client(server).watch(Lease.self, options: WatchOptions(stallTimeout: .seconds(1))) {
                received += 1
            }
        } throws: { error in
            guard case KubeAPIError.stalled = error else { return false }
            return true
        }
        #expect(received == 1)
    }

    @Test func serverWarningsAreLoggedOnceEach() async throws {
        let server = try CannedHTTPServer { _ in
            .full(status: 200, headers: [("Warning", #"299 - "coordination.k8s.io/v1beta1 is deprecated""#)], body: Self.lease)
        }
        defer { server.stop() }
        let logs = CapturedLogs()
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(server.port)"), options: KubeClient.Options(qps: 0),
            logger: logs.logger)
        for _ in 0..<3 { _ = try await client.get(Lease.self, name: "l") }
        #expect(logs.messages.filter { $0.contains("deprecated") }.count == 1)
    }

    @Test func aRefusedConnectionIsATransportErrorBeforeSending() async throws {
        let server = try CannedHTTPServer { _ in .full(status: 200) }
        let port = server.port
        server.stop()
        let client = KubeClient(
            config: ClusterConfig(server: "http://127.0.0.1:\(port)"), options: KubeClient.Options(retry: .none))
        await #expect {
            try await client.get(Lease.self, name: "l")
        } throws: { error in
            guard case KubeAPIError.transport(_, _, let beforeRequestSent) = error else { return false }
            return beforeRequestSent
        }
    }
}

/// Counts calls from the server's connection threads.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}
