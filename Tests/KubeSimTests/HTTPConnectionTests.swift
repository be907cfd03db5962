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
}
