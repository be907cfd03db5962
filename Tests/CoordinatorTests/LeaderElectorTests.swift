import Coordinator
import Foundation
import KubeClient
import KubeModel
import KubeSim
import Testing

/// Two coordinators' electors against kube-sim: one leads and advertises its endpoint; when
/// it stops renewing, the other takes over within a lease duration.
@Suite(.timeLimit(.minutes(1))) struct LeaderElectorTests {
    @Test func standbyTakesOverWhenTheLeaderStopsRenewing() async throws {
        let sim = KubeSim(configuration: KubeSimConfiguration(threads: 1))
        let port = try await sim.start()
        let kube = KubeClient(config: ClusterConfig(server: "http://127.0.0.1:\(port)"))
        let (leaders, sink) = AsyncStream<String>.makeStream()
        let log = EventLog(recording: leaders)

        func elector(_ identity: String) -> LeaderElector {
            var config = LeaderElector.Config(namespace: "default", name: "vmsvc", advertisedEndpoint: "tcp://\(identity):7070")
            config.identity = identity
            config.leaseDuration = .seconds(1)
            config.renewDeadline = .milliseconds(600)
            config.retryPeriod = .milliseconds(100)
            return LeaderElector(client: kube, config: config)
        }
        func campaign(_ identity: String) -> Task<Void, any Error> {
            let elector = elector(identity)
            return Task {
                try await elector.run {
                    sink.yield(identity)
                    try await Task.sleep(for: .seconds(3600))
                }
            }
        }

        let first = campaign("a")
        #expect(await log.wait { $0 == ["a"] })
        let second = campaign("b")
        #expect(try await LeaderElector.leaderEndpoint(client: kube, namespace: "default", name: "vmsvc") == "tcp://a:7070")

        first.cancel()
        #expect(await log.wait { $0 == ["a", "b"] })
        #expect(try await LeaderElector.leaderEndpoint(client: kube, namespace: "default", name: "vmsvc") == "tcp://b:7070")
        let lease = try await kube.get(Lease.self, name: "vmsvc", namespace: "default")
        #expect(lease.spec?.holderIdentity == "b")
        #expect(lease.spec?.leaseTransitions == 1)
        second.cancel()
        try await sim.stop()
    }
}
