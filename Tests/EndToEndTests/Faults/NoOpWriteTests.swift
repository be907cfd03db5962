import Foundation
import KubeClient
import KubeModel
import Testing

extension FaultScenarios {
    /// Design principle 3, counted by kube-sim: no write without a difference, and one
    /// Endpoints write per service per batch window.
    @Suite struct NoOpWriteTests {
        let fleet = LargeFleet(namespaces: 2, vmsPerNamespace: 60, apps: 3)
        /// What the operator writes; the tests themselves write only VirtualMachines.
        static let operatorResources: Set<String> = ["services", "endpoints", "events", "virtualmachineservices"]

        /// An operator started on a populated cluster assigns no namespace before all its
        /// lists are in: a snapshot with the VirtualMachineServices but not yet the VMs would
        /// have its worker write empty Endpoints and fill them a moment later (and, on a
        /// restart, empty good ones). Each service costs exactly one Endpoints write.
        @Test func anOperatorStartedOnAPopulatedClusterWritesEachEndpointsOnce() async throws {
            var settings = OperatorSettings()
            settings.singleProcess = true  // in-process workers are there before any list
            let fleet = self.fleet
            settings.prepare = { client in try await FleetWriter(client: client).create(fleet) }
            try await withOperator(settings) { cluster in
                try await cluster.expectConverged("converged", checked: fleet.vmServiceCount)
                let written = try await SimAdmin(url: cluster.simURL).writes(to: ["endpoints"])
                #expect(written == fleet.vmServiceCount, "\(written) Endpoints writes for \(fleet.vmServiceCount) services")
            }
        }

        @Test func irrelevantVMUpdatesCauseNoWrites() async throws {
            try await withOperator(OperatorSettings()) { cluster in
                let writer = FleetWriter(client: cluster.client)
                let admin = SimAdmin(url: cluster.simURL)
                try await writer.create(fleet)
                try await cluster.expectConverged("converged", checked: fleet.vmServiceCount)
                let before = try await admin.writes(to: Self.operatorResources)

                // 1,000 updates that change nothing an endpoint depends on: annotations and
                // power state (each VM: an annotation, powered off, powered on; then 280 more).
                try await writer.forEachVM(fleet) { n, i in
                    let annotation: JSONValue = ["metadata": ["annotations": ["e2e/touched": .string("\(i)")]]]
                    _ = try await writer.client.patch(
                        VirtualMachine.self, name: fleet.vmName(i), namespace: fleet.namespace(n), patch: .merge(annotation))
                    for state in ["PoweredOff", "PoweredOn"] {
                        let power: JSONValue = ["status": ["powerState": .string(state)]]
                        _ = try await writer.client.patch(
                            VirtualMachine.self, name: fleet.vmName(i), namespace: fleet.namespace(n), patch: .merge(power),
                            subresource: "status")
                    }
                }
                let perNamespace = (1000 - fleet.vmCount * 3) / fleet.namespaces
                try await writer.forEachVM(fleet, where: { _, i in i < perNamespace }) { n, i in
                    let annotation: JSONValue = ["metadata": ["annotations": ["e2e/again": "yes"]]]
                    _ = try await writer.client.patch(
                        VirtualMachine.self, name: fleet.vmName(i), namespace: fleet.namespace(n), patch: .merge(annotation))
                }
                #expect(fleet.vmCount * 3 + perNamespace * fleet.namespaces == 1000)
                // A marker change that does matter: once it shows, every update before it was handled.
                try await writer.setStatus(fleet.namespace(0), fleet.vmName(1), fleet.status(namespace: 0, vm: 1, generation: 3))
                try await cluster.expectConverged("after irrelevant updates", checked: fleet.vmServiceCount)
                let after = try await admin.writes(to: Self.operatorResources)
                #expect(after - before == 1, "\(after - before) writes: 0 for the 1,000 updates, 1 for the marker")
            }
        }

        @Test func hundredChangesToOneServiceInOneBatchMakeOneEndpointsWrite() async throws {
            var settings = OperatorSettings()
            settings.batchPeriod = "3s"
            try await withOperator(settings) { cluster in
                let writer = FleetWriter(client: cluster.client)
                let admin = SimAdmin(url: cluster.simURL)
                try await writer.create(fleet)
                try await cluster.expectConverged("converged", checked: fleet.vmServiceCount)
                let before = try await admin.writes(to: ["endpoints"])

                // The 20 VMs of app-0 in team-0, 5 IP changes each: 100 changes, well inside 3 s.
                let vms = (0..<fleet.vmsPerNamespace).filter { $0 % fleet.apps == 0 }
                #expect(vms.count * 5 == 100)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in vms {
                        group.addTask { [fleet] in
                            for generation in 1...5 {
                                try await writer.setStatus(
                                    fleet.namespace(0), fleet.vmName(i),
                                    fleet.status(namespace: 0, vm: i, generation: generation))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                try await cluster.expectConverged("after 100 changes", checked: fleet.vmServiceCount)
                let after = try await admin.writes(to: ["endpoints"])
                #expect(after - before == 1, "\(after - before) Endpoints writes for one batch")
            }
        }
    }
}
