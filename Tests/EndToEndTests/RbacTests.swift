import Foundation
import KubeClient
import KubeModel
import Testing

/// deploy/rbac is sufficient and least-privilege: the operator, each process with its own
/// ServiceAccount's token, converges a fleet through every kind of change against kube-sim
/// authorizing with exactly those manifests and is never denied; without one rule, it is.
@Suite(.serialized)
struct RbacTests {
    let fleet = LargeFleet(namespaces: 4, vmsPerNamespace: 20, apps: 5)

    @Test func operatorIsNeverDeniedWithTheShippedRBAC() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let cluster = try await RbacCluster.start(rbacDirectory: RbacCluster.manifests, in: scratch)
        do {
            try await runScenario(cluster)
        } catch {
            _ = await cluster.stop()
            throw error
        }
        // Stopping exercises the last rights: the coordinator releases its Lease (update).
        let statuses = await cluster.stop()
        #expect(statuses == ["sim": 0, "coordinator": 0, "worker 0": 0, "worker 1": 0])
        #expect(cluster.coordinator.output.contains("released the leader Lease"))
        #expect(RbacCluster.denials(cluster) == [], "the shipped RBAC must allow every request")
    }

    @Test func removingTheWorkersServiceRuleIsDenied() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let rbac = scratch.url.appendingPathComponent("rbac")
        try FileManager.default.copyItem(atPath: RbacCluster.manifests, toPath: rbac.path)
        let role = rbac.appendingPathComponent("worker_role.yaml").path
        let text = try String(contentsOfFile: role, encoding: .utf8)
        let rule = """
              - apiGroups: [""]
                resources: ["services", "endpoints"]
                verbs: ["create", "patch", "delete"]

            """
        #expect(text.contains(rule), "the worker role's Services rule, as this test removes it")
        try text.replacingOccurrences(of: rule, with: "").write(toFile: role, atomically: true, encoding: .utf8)

        let cluster = try await RbacCluster.start(rbacDirectory: rbac.path, workers: 1, in: scratch)
        do {
            let small = LargeFleet(namespaces: 1, vmsPerNamespace: 4, apps: 1)
            try await FleetWriter(client: cluster.client).create(small)
            let denied = await cluster.workers[0].line(containing: "403 Forbidden")
            #expect(denied?.contains(RbacCluster.workerUser) == true, "\(denied ?? cluster.workers[0].output)")
            #expect(denied?.contains("services") == true)
            let report = try await cluster.awaitConverged(within: .seconds(3))
            #expect(!report.isClean, "without the rule the Services cannot be written")
        } catch {
            _ = await cluster.stop()
            throw error
        }
        _ = await cluster.stop()
    }

    /// The end-to-end phases, shortened: creation, VM address and readiness changes, VM
    /// deletions, and VirtualMachineService additions, edits and deletions (finalizers).
    private func runScenario(_ cluster: Operator) async throws {
        let writer = FleetWriter(client: cluster.client)
        try await writer.create(fleet)
        try await expectConverged(cluster, "initial fleet")

        try await writer.forEachVM(fleet, where: { _, i in i % 3 == 1 }) { [fleet] n, i in
            try await writer.setStatus(
                fleet.namespace(n), fleet.vmName(i), fleet.status(namespace: n, vm: i, generation: 1, ready: i % 2 == 0))
        }
        try await expectConverged(cluster, "VM address and readiness changes")

        try await writer.forEachVM(fleet, where: { _, i in i % 10 == 9 }) { [fleet] n, i in
            try await writer.client.delete(VirtualMachine.self, name: fleet.vmName(i), namespace: fleet.namespace(n))
        }
        try await expectConverged(cluster, "VM deletions")

        for n in 0..<fleet.namespaces {
            var added = fleet.vmService(namespace: n, app: 0)
            added.metadata.name = "app-0-extra"
            _ = try await writer.client.create(added)
            let port: JSONValue = ["spec": ["ports": [["name": "web", "protocol": "TCP", "port": 81, "targetPort": 9090]]]]
            _ = try await writer.client.patch(
                VirtualMachineService.self, name: fleet.app(1), namespace: fleet.namespace(n), patch: .merge(port))
            try await writer.client.delete(VirtualMachineService.self, name: fleet.app(4), namespace: fleet.namespace(n))
        }
        try await expectConverged(cluster, "VirtualMachineService changes")
    }

    private func expectConverged(_ cluster: Operator, _ phase: String) async throws {
        let report = try await cluster.awaitConverged()
        #expect(report.discrepancies.isEmpty, "\(phase): \(report.discrepancies.prefix(10).map(\.description))")
        #expect(RbacCluster.denials(cluster) == [], "\(phase)")
    }
}
