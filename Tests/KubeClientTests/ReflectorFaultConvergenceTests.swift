import KubeModel
import Testing

@testable import KubeClient
@testable import KubeSim

/// The reflector against a hostile server: while a writer mutates 10,000 objects, kube-sim
/// ends every watch each second, compacts its history ten times (open watches get 410 and relist) and
/// fails a share of requests with 500, 503 and 429. The reflector must still end with the
/// server's exact state, and tell its consumer every change in resourceVersion order.
@Suite struct ReflectorFaultConvergenceTests {
    static let objects = 10_000

    @Test func reflectorConvergesOnTenThousandObjectsUnderInjectedFaults() async throws {
        let sim = KubeSimConfiguration(historySize: 2_000, threads: 2)
        let options = KubeClient.Options(qps: 0, retry: RetryPolicy(initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(50)))
        try await SimCluster.with(sim, options: options) { cluster in
            let client = cluster.client
            try await Self.forEachConcurrently(0..<Self.objects) { i in
                _ = try await client.create(KubeSimIntegrationTests.lease("o\(i)", holder: "0"))
            }
            let reflector = Reflector<Lease>(
                client: client,
                options: Reflector<Lease>.Options(
                    namespace: "default", pageSize: 500, watchTimeoutSeconds: 5...10,
                    backoff: RetryPolicy(initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(100))))
            let events = reflector.events()

            cluster.sim.server.faults.withLock {
                $0 = FaultConfiguration(
                    errorRate: 0.03, errorCodes: [500, 503, 429], retryAfterSeconds: 0, dropWatchesEverySeconds: 1)
            }
            let writer = Task {
                try await Self.mutateEveryObject(client) { cluster.sim.server.compact() }
                let list = try await client.listAll(Lease.self, namespace: "default")
                return Dictionary(list.items.map { ($0.key, $0.metadata.resourceVersion ?? "") }, uniquingKeysWith: { $1 })
            }

            // The stream buffers what the reflector emits meanwhile; the consumer replays it.
            let truth = try await writer.value
            let converged = try await withDeadline(.seconds(240)) {
                var consumer = OrderCheckingConsumer()
                for await event in events {
                    consumer.apply(event)
                    if consumer.versions == truth { break }
                }
                return consumer
            }
            #expect(converged.versions == truth)
            #expect(converged.outOfOrder.isEmpty, "changes delivered out of resourceVersion order: \(converged.outOfOrder.prefix(5))")
            #expect(converged.staleOld == 0, "updates whose old object was not what the consumer held")
            #expect(converged.versions.count > Self.objects / 2)
            #expect(converged.relists > 1, "the faults should have forced at least one relist")
        }
    }

    /// Patches every object once; deletes every tenth, and recreates every twentieth of those.
    /// Every thousand objects, `compact` runs: counted, not timed, so that the reflector is
    /// hit mid-watch or mid-list however fast the machine is.
    static func mutateEveryObject(_ client: KubeClient, compact: @escaping @Sendable () -> Void) async throws {
        try await forEachConcurrently(0..<objects) { i in
            let name = "o\(i)"
            if i % 1_000 == 999 { compact() }
            if i % 10 == 0 {
                _ = try? await client.delete(Lease.self, name: name, namespace: "default")
                if i % 20 == 0 { _ = try? await client.create(KubeSimIntegrationTests.lease(name, holder: "re")) }
            } else {
                _ = try? await client.patch(
                    Lease.self, name: name, namespace: "default",
                    patch: .merge(.object(["spec": .object(["holderIdentity": .string("\(i)")])])))
            }
        }
    }

    /// Runs `body` for every element, 32 at a time.
    static func forEachConcurrently(
        _ range: Range<Int>, _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = range.makeIterator()
            for _ in 0..<32 {
                if let i = pending.next() { group.addTask { try await body(i) } }
            }
            while try await group.next() != nil {
                if let i = pending.next() { group.addTask { try await body(i) } }
            }
        }
    }
}

/// A consumer of reflector events that keeps name → resourceVersion and records every
/// ordering violation instead of stopping at the first.
struct OrderCheckingConsumer: Sendable {
    private(set) var versions: [String: String] = [:]
    private(set) var outOfOrder: [String] = []
    private(set) var staleOld = 0
    private(set) var relists = 0
    /// The highest resourceVersion the consumer has been told about.
    private var latest = 0

    mutating func apply(_ event: ReflectorEvent<Lease>) {
        switch event {
        case .replaced(let objects, _):
            relists += 1
            versions = Dictionary(objects.map { ($0.key, $0.metadata.resourceVersion ?? "") }, uniquingKeysWith: { $1 })
            latest = max(latest, objects.compactMap { Int($0.metadata.resourceVersion ?? "") }.max() ?? 0)
        case .added(let object):
            ordered(object)
            versions[object.key] = object.metadata.resourceVersion ?? ""
        case .updated(let old, let new):
            if versions[old.key] != old.metadata.resourceVersion { staleOld += 1 }
            ordered(new)
            versions[new.key] = new.metadata.resourceVersion ?? ""
        case .deleted(let object):
            ordered(object)
            versions[object.key] = nil
        }
    }

    private mutating func ordered(_ object: Lease) {
        let version = Int(object.metadata.resourceVersion ?? "") ?? 0
        if version <= latest { outOfOrder.append("\(object.key)@\(version) after \(latest)") }
        latest = max(latest, version)
    }
}
