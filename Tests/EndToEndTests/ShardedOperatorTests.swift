import Foundation
import KubeClient
import KubeModel
import Testing
import Verify

/// The whole system as deployed: kube-sim, `vmsvc coordinator` and two `vmsvc worker`
/// processes. After every phase of changes, `verify` must come back clean.
@Suite(.serialized) struct ShardedOperatorTests {
    let fleet = LargeFleet()

    @Test func fleetStaysConvergedThroughEveryKindOfChange() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(fleet.vmCount >= 500 && fleet.namespaces >= 10 && fleet.vmServiceCount >= 50)
        let cluster = try await Operator.start(in: directory)
        do {
            try await runPhases(cluster)
        } catch {
            _ = await cluster.stop()
            throw error
        }
        let statuses = await cluster.stop()
        #expect(statuses == ["sim": 0, "coordinator": 0, "worker 0": 0, "worker 1": 0], "SIGTERM drains and exits 0")
    }

    /// What `make run` starts: the coordinator and two workers in one `vmsvc run` process.
    @Test func singleProcessModeConvergesAndDrains() async throws {
        let small = LargeFleet(namespaces: 3, vmsPerNamespace: 20, apps: 3)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = try await Operator.start(singleProcess: true, in: directory)
        do {
            try await FleetWriter(client: cluster.client).create(small)
            try await cluster.expectConverged("single process", checked: small.vmServiceCount)
        } catch {
            _ = await cluster.stop()
            throw error
        }
        #expect(await cluster.stop() == ["sim": 0, "run": 0], "SIGTERM drains and exits 0")
    }

    private func runPhases(_ cluster: Operator) async throws {
        let writer = FleetWriter(client: cluster.client)

        try await writer.create(fleet)
        try await cluster.expectConverged("initial fleet", checked: fleet.vmServiceCount)

        try await writer.forEachVM(fleet, where: { _, i in i % 5 == 1 }) { [fleet] n, i in
            try await writer.setStatus(
                fleet.namespace(n), fleet.vmName(i), fleet.status(namespace: n, vm: i, generation: 1))
        }
        try await cluster.expectConverged("VM IP changes", checked: fleet.vmServiceCount)

        try await writer.forEachVM(fleet, where: { _, i in i % 2 == 0 && i % 5 != 1 }) { [fleet] n, i in
            try await writer.setStatus(
                fleet.namespace(n), fleet.vmName(i), fleet.status(namespace: n, vm: i, ready: i % 3 == 0))
        }
        try await cluster.expectConverged("readiness flips", checked: fleet.vmServiceCount)

        try await writer.forEachVM(fleet, where: { _, i in i % 7 == 3 }) { [fleet] n, i in
            let moved: JSONValue = ["metadata": ["labels": ["app": .string(fleet.app((i + 1) % fleet.apps))]]]
            _ = try await writer.client.patch(
                VirtualMachine.self, name: fleet.vmName(i), namespace: fleet.namespace(n), patch: .merge(moved))
        }
        try await cluster.expectConverged("label moves", checked: fleet.vmServiceCount)

        try await writer.forEachVM(fleet, where: { _, i in i % 10 == 9 }) { [fleet] n, i in
            try await writer.client.delete(VirtualMachine.self, name: fleet.vmName(i), namespace: fleet.namespace(n))
        }
        try await cluster.expectConverged("VM deletions", checked: fleet.vmServiceCount)

        try await changeVirtualMachineServices(writer)
        try await cluster.expectConverged("VirtualMachineService changes", checked: fleet.vmServiceCount)
        for n in 0..<fleet.namespaces {
            await #expect(throws: KubeAPIError.self, "the finalizer of team-\(n)/app-4 was released") {
                _ = try await awaitDeleted(writer.client, namespace: fleet.namespace(n), name: fleet.app(4))
            }
        }
    }

    /// Per namespace: a new VirtualMachineService, a port change, a selector change and a
    /// deletion (held by the controller's finalizer until it has cleaned up).
    private func changeVirtualMachineServices(_ writer: FleetWriter) async throws {
        for n in 0..<fleet.namespaces {
            let namespace = fleet.namespace(n)
            var added = fleet.vmService(namespace: n, app: 0)
            added.metadata.name = "app-0-extra"
            _ = try await writer.client.create(added)
            let port: JSONValue = [
                "spec": ["ports": [["name": "http", "protocol": "TCP", "port": 8080, "targetPort": 9090]]]
            ]
            _ = try await writer.client.patch(
                VirtualMachineService.self, name: fleet.app(1), namespace: namespace, patch: .merge(port))
            let selector: JSONValue = ["spec": ["selector": ["app": .string(fleet.app(3))]]]
            _ = try await writer.client.patch(
                VirtualMachineService.self, name: fleet.app(2), namespace: namespace, patch: .merge(selector))
            try await writer.client.delete(VirtualMachineService.self, name: fleet.app(4), namespace: namespace)
        }
    }

    /// Throws notFound once the object is gone; returns it if it is still there at the deadline.
    private func awaitDeleted(_ client: KubeClient, namespace: String, name: String) async throws
        -> VirtualMachineService
    {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let object = try await client.get(VirtualMachineService.self, name: name, namespace: namespace)
            if ContinuousClock.now > deadline { return object }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
