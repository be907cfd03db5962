import Foundation
import KubeModel
import KubeSim
import Testing

@testable import KubeClient

/// The client against kube-sim, in-process over HTTP: CRUD and error mapping, pagination,
/// watch decoding, and reflector convergence under concurrent writes.
@Suite struct KubeSimIntegrationTests {
    static func lease(_ name: String, _ namespace: String = "default", holder: String = "a") -> Lease {
        Lease(metadata: ObjectMeta(name: name, namespace: namespace), spec: LeaseSpec(holderIdentity: holder))
    }

    static func apiError(_ error: any Error) -> KubeAPIError? { error as? KubeAPIError }

    @Test func crudVerbsAndTheirErrors() async throws {
        try await SimCluster.with { cluster in
            let client = cluster.client
            var lease = try await client.create(Self.lease("l1"))
            #expect(lease.metadata.uid != nil)
            #expect(try await client.get(Lease.self, name: "l1").spec?.holderIdentity == "a")

            // Create twice: AlreadyExists.
            await #expect { try await client.create(Self.lease("l1")) } throws: {
                guard case .alreadyExists = Self.apiError($0) else { return false }
                return true
            }
            // Update with the current resourceVersion succeeds; with a stale one, Conflict.
            let stale = lease
            lease.spec?.holderIdentity = "b"
            lease = try await client.update(lease)
            #expect(lease.spec?.holderIdentity == "b")
            await #expect { try await client.update(stale) } throws: {
                guard case .conflict = Self.apiError($0) else { return false }
                return true
            }
            // Patches of every kind.
            let merged = try await client.patch(
                Lease.self, name: "l1", patch: .merge(.object(["spec": .object(["holderIdentity": .string("c")])])))
            #expect(merged.spec?.holderIdentity == "c")
            let jsonPatched = try await client.patch(
                Lease.self, name: "l1",
                patch: .json([.object(["op": .string("replace"), "path": .string("/spec/holderIdentity"), "value": .string("d")])]))
            #expect(jsonPatched.spec?.holderIdentity == "d")
            let strategic = try await client.patch(
                Lease.self, name: "l1", patch: .strategicMerge(.object(["metadata": .object(["labels": .object(["x": .string("y")])])])))
            #expect(strategic.metadata.labels?["x"] == "y")
            let applied = try await client.patch(
                Lease.self, name: "l2",
                patch: .apply(
                    .object([
                        "apiVersion": .string("coordination.k8s.io/v1"), "kind": .string("Lease"),
                        "metadata": .object(["name": .string("l2"), "namespace": .string("default")]),
                        "spec": .object(["holderIdentity": .string("applied")]),
                    ]), fieldManager: "vmsvc-test", force: true))
            #expect(applied.spec?.holderIdentity == "applied")

            // Delete with a wrong uid precondition: Conflict; then for real; then NotFound.
            await #expect {
                try await client.delete(Lease.self, name: "l1", options: DeleteOptions(preconditions: .init(uid: "wrong")))
            } throws: {
                guard case .conflict = Self.apiError($0) else { return false }
                return true
            }
            try await client.delete(
                Lease.self, name: "l1",
                options: DeleteOptions(preconditions: .init(uid: lease.metadata.uid), propagationPolicy: .background))
            await #expect { try await client.get(Lease.self, name: "l1") } throws: {
                guard case .notFound(let status) = Self.apiError($0) else { return false }
                return status.details?.name == "l1"
            }
        }
    }

    @Test func rawJSONVariantsServeResourcesWithoutATypedModel() async throws {
        try await SimCluster.with { cluster in
            let configMaps = ResourceDescriptor(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
            let object: JSONValue = .object([
                "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
                "metadata": .object(["name": .string("cm")]), "data": .object(["k": .string("v")]),
            ])
            let created = try await cluster.client.create(object, in: configMaps, namespace: "default")
            #expect(created.value(at: ["metadata", "uid"])?.stringValue?.isEmpty == false)
            let fetched = try await cluster.client.get(configMaps, name: "cm", as: JSONValue.self)
            #expect(fetched.value(at: ["data", "k"])?.stringValue == "v")
            let list = try await cluster.client.listAll(configMaps, namespace: "default", as: JSONValue.self)
            let names: [String] = list.items.compactMap { item in item["metadata"]?["name"]?.stringValue }
            #expect(names.contains("cm"))
        }
    }

    @Test func invalidObjectsReportTheirFieldCauses() async throws {
        try await SimCluster.with { cluster in
            let service = Service(
                metadata: ObjectMeta(name: "bad", namespace: "default"),
                spec: ServiceSpec(type: "ClusterIP", ports: [ServicePort(port: 0)]))
            await #expect { try await cluster.client.create(service) } throws: { error in
                guard case .invalid = Self.apiError(error) else { return false }
                return Self.apiError(error)?.causes.contains { $0.field?.contains("ports") == true } == true
            }
        }
    }

    @Test func updateStatusWritesOnlyTheStatus() async throws {
        try await SimCluster.with { cluster in
            var service = try await cluster.client.create(
                Service(
                    metadata: ObjectMeta(name: "web", namespace: "default"),
                    spec: ServiceSpec(ports: [ServicePort(port: 80)])))
            service.status = ServiceStatus(loadBalancer: LoadBalancerStatus(ingress: [LoadBalancerIngress(ip: "192.0.2.1")]))
            service.spec?.ports = [ServicePort(port: 81)]
            let updated = try await cluster.client.updateStatus(service)
            #expect(updated.status?.loadBalancer?.ingress?.first?.ip == "192.0.2.1")
            #expect(updated.spec?.ports?.first?.port == 80)
        }
    }

    @Test func listAllFollowsContinueTokensAcrossPages() async throws {
        try await SimCluster.with { cluster in
            for i in 0..<25 { _ = try await cluster.client.create(Self.lease("p\(i)")) }
            let all = try await cluster.client.listAll(Lease.self, namespace: "default", options: ListOptions(limit: 10))
            #expect(Set(all.items.map(\.name)) == Set((0..<25).map { "p\($0)" }))
            let first = try await cluster.client.list(Lease.self, namespace: "default", options: ListOptions(limit: 10))
            #expect(first.items.count == 10)
            #expect(first.metadata.continue?.isEmpty == false)
            let selected = try await cluster.client.listAll(
                Lease.self, options: ListOptions(fieldSelector: "metadata.name=p7"))
            #expect(selected.items.map(\.name) == ["p7"])
        }
    }

    @Test func watchDeliversChangesInOrderFromTheListVersion() async throws {
        try await SimCluster.with { cluster in
            let client = cluster.client
            _ = try await client.create(Self.lease("before"))
            let list = try await client.list(Lease.self, namespace: "default")
            let stream = client.watch(
                Lease.self, namespace: "default", options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
            var lease = try await client.create(Self.lease("w"))
            lease.spec?.holderIdentity = "z"
            _ = try await client.update(lease)
            try await client.delete(Lease.self, name: "w")
            var seen: [String] = []
            for try await frame in stream {
                guard case .event(let event) = frame else { continue }
                seen.append("\(event.type.rawValue) \(event.object.name) \(event.object.spec?.holderIdentity ?? "")")
                if seen.count == 3 { break }
            }
            #expect(seen == ["ADDED w a", "MODIFIED w z", "DELETED w z"])
        }
    }

    @Test func aWatchFromAnExpiredVersionIsGone() async throws {
        try await SimCluster.with(KubeSimConfiguration(historySize: 5, threads: 2)) { cluster in
            let first = try await cluster.client.create(Self.lease("g0"))
            for i in 1..<20 { _ = try await cluster.client.create(Self.lease("g\(i)")) }
            await #expect {
                for try await _ in cluster.client.watch(
                    Lease.self, options: WatchOptions(resourceVersion: first.metadata.resourceVersion)) {}
            } throws: {
                guard case .gone = Self.apiError($0) else { return false }
                return true
            }
        }
    }

    @Test func reflectorConvergesWhileAWriterMutatesObjects() async throws {
        try await SimCluster.with { cluster in
            let converged = try await Self.reflectorConverges(
                cluster.client, steps: 60, options: Reflector<Lease>.Options(namespace: "default", pageSize: 7))
            #expect(converged)
        }
    }

    /// Watches the server ends every second while writes keep coming (paced over a few
    /// seconds, so that several reconnects fall inside them): each must resume where the last
    /// left off. The tiny history makes a resume that fell behind relist instead.
    @Test func reflectorConvergesAcrossServerClosedWatches() async throws {
        try await SimCluster.with(KubeSimConfiguration(historySize: 8, threads: 2)) { cluster in
            let options = Reflector<Lease>.Options(
                namespace: "default", pageSize: 5, watchTimeoutSeconds: 1...1,
                backoff: RetryPolicy(initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50)))
            let converged = try await Self.reflectorConverges(
                cluster.client, steps: 150, pace: .milliseconds(15), options: options)
            #expect(converged)
        }
    }

    /// Creates leases, starts a reflector, mutates the leases (create, patch, delete) while
    /// it runs, and checks that a consumer applying its events ends with the server's state
    /// (same objects at the same resource versions), and that every update's `old` is what
    /// the consumer held.
    static func reflectorConverges(
        _ client: KubeClient, steps: Int, pace: Duration = .zero, options: Reflector<Lease>.Options
    ) async throws -> Bool {
        for i in 0..<20 { _ = try await client.create(Self.lease("r\(i)", holder: "0")) }
        let events = Reflector<Lease>(client: client, options: options).events()
        // The writer's last act is to read the truth the reflector must converge to.
        let writer = Task {
            for step in 1...steps {
                if pace > .zero { try await Task.sleep(for: pace) }
                let name = "r\(step % 25)"
                switch step % 4 {
                case 0: _ = try? await client.delete(Lease.self, name: name)
                case 1: _ = try? await client.create(Self.lease(name, holder: "\(step)"))
                default:
                    _ = try? await client.patch(
                        Lease.self, name: name,
                        patch: .merge(.object(["spec": .object(["holderIdentity": .string("\(step)")])])))
                }
            }
            let list = try await client.listAll(Lease.self, namespace: "default")
            return Dictionary(list.items.map { ($0.key, $0.metadata.resourceVersion ?? "") }, uniquingKeysWith: { $1 })
        }
        return try await withDeadline(.seconds(60)) {
            var view: [String: Lease] = [:]
            var truth: [String: String]?
            for await event in events {
                switch event {
                case .replaced(let objects, let deleted):
                    #expect(deleted.allSatisfy { view[$0.key] != nil })
                    view = Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
                case .added(let object): view[object.key] = object
                case .updated(let old, let new):
                    #expect(view[old.key] == old)
                    view[new.key] = new
                case .deleted(let object): view[object.key] = nil
                }
                if truth == nil { truth = try await writer.value }
                if view.mapValues({ $0.metadata.resourceVersion ?? "" }) == truth { return true }
            }
            return false
        }
    }
}

struct DeadlineExceeded: Error {}

/// Runs `body`, failing with `DeadlineExceeded` if it has not finished within `limit`: a
/// guard so that a broken reflector fails the test instead of hanging it.
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw DeadlineExceeded()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded() }
        return first
    }
}
