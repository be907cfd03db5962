import Foundation
import KubeClient
import KubeModel
import Testing
import VMServiceCore
import Verify

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `--endpoints-mode endpointslices` at scale: one VirtualMachineService selecting 5,000 VMs.
@Suite(.serialized) struct EndpointSliceScaleTests {
    static let vmCount = 5000
    let namespace = "big"

    private func vm(_ i: Int) -> VirtualMachine {
        VirtualMachine(
            metadata: ObjectMeta(name: "vm-\(i)", namespace: namespace, labels: ["app": "big"]),
            spec: VirtualMachineSpec(
                readinessProbe: VirtualMachineReadinessProbe(tcpSocket: TCPSocketAction(port: .int(8080)))))
    }

    private func status(_ i: Int, ready: Bool) -> VirtualMachineStatus {
        VirtualMachineStatus(
            network: VirtualMachineNetworkStatus(primaryIP4: "10.200.\(i / 250).\(i % 250 + 1)"),
            conditions: [
                Condition(
                    type: "Ready", status: ready ? "True" : "False", reason: ready ? "True" : "NotReady", message: "",
                    lastTransitionTime: Time(secondsSince1970: 1_800_000_000))
            ])
    }

    @Test func fiveThousandVMsConvergeWithFiftySlicesAndOneFlipCostsOneSliceWrite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = try await Operator.start(
            workerFlags: ["--endpoints-mode", "endpointslices", "--max-endpoints-per-slice", "100"],
            options: ReconcileOptions(endpointsMode: .endpointslices, maxEndpointsPerSlice: 100), in: directory)
        do {
            try await run(cluster)
        } catch {
            _ = await cluster.stop()
            throw error
        }
        _ = await cluster.stop()
    }

    private func run(_ cluster: Operator) async throws {
        let client = cluster.client
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
        try await concurrently(Self.vmCount) { i in
            _ = try await client.create(vm(i))
            try await setStatus(client, i, ready: true)
        }
        _ = try await client.create(
            VirtualMachineService(
                metadata: ObjectMeta(name: "big", namespace: namespace),
                spec: VirtualMachineServiceSpec(
                    type: "ClusterIP",
                    ports: [VirtualMachineServicePort(name: "http", protocol: "TCP", port: 80, targetPort: 8080)],
                    selector: ["app": "big"])))
        try await expectConverged(cluster, "5,000 VMs")

        let slices = try await client.listAll(EndpointSlice.self, namespace: namespace).items
        #expect(slices.count == 50)
        #expect(slices.allSatisfy { $0.endpoints?.count == 100 })
        #expect(slices.allSatisfy { $0.metadata.labels?[EndpointSlice.managedByLabel] == "vmsvc.vmware.com" })
        #expect(try await client.listAll(Endpoints.self, namespace: namespace).items.isEmpty)

        _ = try await requestCounts(cluster, method: "DELETE")
        try await setStatus(client, 2345, ready: false)
        try await expectConverged(cluster, "one readiness flip")
        let counts = try await requestCounts(cluster, method: "GET")
        let writes = ["create", "update", "patch", "delete"]
        let sliceWrites = counts.filter { $0.resource == "endpointslices" && writes.contains($0.verb) }
        #expect(sliceWrites.map(\.verb) == ["patch"] && sliceWrites.map(\.count) == [1], "\(sliceWrites)")
        #expect(!counts.contains { $0.resource == "endpoints" && writes.contains($0.verb) })
    }

    private func setStatus(_ client: KubeClient, _ i: Int, ready: Bool) async throws {
        let body = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(["status": status(i, ready: ready)]))
        _ = try await client.patch(
            VirtualMachine.self, name: "vm-\(i)", namespace: namespace, patch: .merge(body), subresource: "status")
    }

    private func expectConverged(_ cluster: Operator, _ phase: String) async throws {
        let started = ContinuousClock.now
        let report = try await cluster.awaitConverged(within: .seconds(240))
        print("e2e slices: \(phase): \(report.summary) after \(ContinuousClock.now - started)")
        #expect(report.discrepancies.isEmpty, "\(phase): \(report.discrepancies.prefix(10).map(\.description))")
        #expect(report.checked == 1)
    }

    struct RequestCount: Decodable, CustomStringConvertible {
        var verb: String
        var resource: String
        var code: Int
        var count: Int
        var description: String { "\(verb) \(resource) \(code) ×\(count)" }
    }

    /// kube-sim's request counts (`/admin/requests`; DELETE resets them).
    private func requestCounts(_ cluster: Operator, method: String) async throws -> [RequestCount] {
        struct Counts: Decodable { var items: [RequestCount] }
        let url = try #require(URL(string: "\(cluster.simURL)/admin/requests"))
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONDecoder().decode(Counts.self, from: data).items
    }

    /// Runs `body` for 0..<count, 32 at a time.
    private func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<count {
                if i >= 32 { try await group.next() }
                group.addTask { try await body(i) }
            }
            try await group.waitForAll()
        }
    }
}
