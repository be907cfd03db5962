import KubeModel
import Testing

@testable import KubeSim

@Suite("kube-sim HTTP connections", .timeLimit(.minutes(1)))
struct HTTPConnectionTests {
    /// HTTP/1.1 lets a client send requests before the earlier ones are answered; each is
    /// handled in turn, after the ones before it, and answered in order on the connection.
    @Test func pipelinedRequestsAreHandledAndAnsweredInOrder() async throws {
        try await SimHarness.with { sim in
            let path = SimHarness.configMaps
            let answers = try await sim.client.pipelined([
                (.POST, path, SimHarness.configMap("a")),
                (.GET, "\(path)/a", nil),
                (.POST, path, SimHarness.configMap("a")),
                (.DELETE, "\(path)/a", nil),
                (.GET, "\(path)/a", nil),
            ])
            #expect(answers.map(\.status) == [201, 200, 409, 200, 404])
            #expect(answers[1].json.name == "a")
            #expect(answers[1].json.resourceVersion == answers[0].json.resourceVersion)
        }
    }

    /// A request sent behind a watch on the same connection is answered when the watch ends,
    /// as Go's server reads it only then.
    @Test func aRequestPipelinedBehindAWatchIsAnsweredWhenTheWatchEnds() async throws {
        try await SimHarness.with { sim in
            let path = SimHarness.configMaps
            _ = try await sim.post(path, SimHarness.configMap("a"))
            let answers = try await sim.client.pipelined([
                (.GET, "\(path)?watch=true&timeoutSeconds=1", nil),
                (.GET, "\(path)/a", nil),
            ])
            #expect(answers.map(\.status) == [200, 200])
            #expect(answers.first?.text.contains(#""type":"ADDED""#) == true)
            #expect(answers.last?.json.name == "a")
        }
    }

    /// A watch asked for behind an answer held back by injected latency streams after that
    /// answer, not before it.
    @Test func aWatchBehindADelayedAnswerStreamsAfterIt() async throws {
        try await SimHarness.with { sim in
            let path = SimHarness.configMaps
            _ = try await sim.client.request(
                .PATCH, "/admin/faults", json: ["latencyMilliseconds": 200, "latencyClasses": ["write"]])
            let answers = try await sim.client.pipelined([
                (.POST, path, SimHarness.configMap("a")),
                (.GET, "\(path)?watch=true&timeoutSeconds=1", nil),
            ])
            #expect(answers.map(\.status) == [201, 200])
            #expect(answers.last?.text.contains(#""name":"a""#) == true)
        }
    }

    /// What cannot be parsed as HTTP is answered 400, and the connection closed.
    @Test func aMalformedRequestIsAnsweredBadRequestAndTheConnectionClosed() async throws {
        try await SimHarness.with { sim in
            let answer = try await sim.client.raw("NOT HTTP AT ALL\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(answer.contains("Connection: close\r\n"))
        }
    }
}
