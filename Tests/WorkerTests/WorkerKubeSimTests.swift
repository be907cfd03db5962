import Foundation
import KubeClient
import KubeModel
import KubeSim
import Logging
import Testing
import VMServiceCore

@testable import Worker

/// The worker writing through `KubeClientWriter` (libcurl, the real wire protocol) to an
/// in-process kube-sim: the Service gets the server's defaults, the Endpoints are computed
/// from that Service, the finalizer is patched onto the custom resource, and a second owner
/// of the converged namespace writes nothing.
@Suite struct WorkerKubeSimTests {
    static let crds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/crds").path

    @Test func aWorkerConvergesASmallNamespaceOnKubeSim() async throws {
        let sim = KubeSim(configuration: KubeSimConfiguration(crdDirectories: [Self.crds], threads: 1))
        try await sim.start()
        let client = KubeClient(config: ClusterConfig(server: sim.url), options: .init(qps: 0))
        do {
            try await converge(client)
        } catch {
            try await sim.stop()
            throw error
        }
        try await sim.stop()
    }

    private func converge(_ client: KubeClient) async throws {
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: Fixture.namespace)))
        var request = Fixture.vmService("web", selector: ["app": "web"], finalizers: nil)
        // The API server assigns these.
        (request.metadata.uid, request.metadata.resourceVersion, request.metadata.generation) = (nil, nil, nil)
        let web = try await client.create(request)
        let vms = [
            Fixture.vm("web-0", ip: "10.1.0.1", labels: ["app": "web"]),
            Fixture.vm("web-1", ip: "10.1.0.2", labels: ["app": "web"]),
            // IPv6 only: not listed by a single-stack IPv4 Service (spec §5.4).
            VMProjection(
                namespace: Fixture.namespace, name: "web-6", uid: "uid-web-6", labels: ["app": "web"],
                primaryIP6: "fd00::6"),
            Fixture.vm("db-0", ip: "10.2.0.1", labels: ["app": "db"]),
        ]
        let snapshot = NamespaceSnapshot(
            namespace: Fixture.namespace, epoch: 1, sequence: 0, vms: vms, vmServices: [web])
        try await run(client, snapshot)

        let service = try await client.get(Service.self, name: "web", namespace: Fixture.namespace)
        #expect(service.spec?.clusterIP?.hasPrefix("10.") == true)
        #expect(service.spec?.ipFamilies == ["IPv4"])
        let endpoints = try await client.get(Endpoints.self, name: "web", namespace: Fixture.namespace)
        #expect(endpoints.readyIPs == ["10.1.0.1", "10.1.0.2"])
        #expect(endpoints.metadata.ownerReferences?.first?.uid == web.metadata.uid)
        let persisted = try await client.get(VirtualMachineService.self, name: "web", namespace: Fixture.namespace)
        #expect(persisted.metadata.finalizers == [VMServiceConstants.finalizer])
        let events = try await client.list(Event.self, namespace: Fixture.namespace).items
        #expect(events.map(\.reason) == [EventReason.createServiceSuccess])

        // A new owner (say, after a re-shard) gets the converged state and writes nothing.
        let stored = NamespaceSnapshot(
            namespace: Fixture.namespace, epoch: 2, sequence: 0, vms: vms,
            vmServices: [persisted],
            services: [service], endpoints: [endpoints])
        let metrics = try await run(client, stored)
        #expect(metrics.writes.isEmpty)
        let after = try await client.get(Endpoints.self, name: "web", namespace: Fixture.namespace)
        #expect(after.metadata.resourceVersion == endpoints.metadata.resourceVersion)
    }

    /// One worker owning the namespace until it has written everything.
    @discardableResult
    private func run(_ client: KubeClient, _ snapshot: NamespaceSnapshot) async throws -> WorkerMetrics {
        var configuration = WorkerConfiguration()
        configuration.identity = "worker-kubesim"
        let worker = Worker(
            writer: KubeClientWriter(client: client), clock: ContinuousClock(), configuration: configuration,
            logger: WorkerHarness.quiet)
        await worker.handle(.assign(namespace: snapshot.namespace, epoch: snapshot.epoch))
        await worker.handle(.snapshot(snapshot))
        await worker.drain()
        return await worker.metrics
    }
}
