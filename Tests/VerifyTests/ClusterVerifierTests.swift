import Foundation
import KubeClient
import KubeModel
import Testing
import VMServiceCore

@testable import Verify

/// `verify` against an in-process kube-sim: a cluster the controller converged has no
/// discrepancy, and each kind of drift is reported on the field that drifted.
@Suite struct ClusterVerifierTests {
    let reconciler = Reconciler()
    let now = Time(secondsSince1970: 1_800_000_000)

    /// Creates the fleet and runs one controller pass over it.
    private func converged(_ body: (SimCluster) async throws -> Void) async throws {
        try await SimCluster.with { cluster in
            try await cluster.createNamespace(Fleet.namespace)
            for vm in Fleet.vms { try await cluster.createVM(vm) }
            for vmService in Fleet.vmServices { _ = try await cluster.client.create(vmService) }
            try await converge(cluster)
            try await body(cluster)
        }
    }

    private func converge(_ cluster: SimCluster) async throws {
        try await PlanRunner(client: cluster.client, reconciler: reconciler).converge {
            try await ClusterState.read(from: cluster.client, version: reconciler.options.version)
                .reconcileInputs(now: now)
        }
    }

    private func verify(_ cluster: SimCluster) async throws -> VerifyReport {
        let state = try await ClusterState.read(from: cluster.client, version: reconciler.options.version)
        return ClusterVerifier(reconciler: reconciler).verify(state, now: now)
    }

    private func discrepancy(_ name: String, _ kind: String, _ field: String, _ expected: String, _ actual: String)
        -> Discrepancy
    {
        Discrepancy(
            namespace: Fleet.namespace, name: name, kind: kind, field: field, expected: expected, actual: actual)
    }

    @Test func convergedClusterHasNoDiscrepancies() async throws {
        try await converged { cluster in
            let report = try await verify(cluster)
            #expect(report.discrepancies == [])
            #expect(report.checked == 3)
            #expect(report.summary == "checked 3 VirtualMachineServices: 0 discrepancies")
        }
    }

    @Test func unreconciledClusterReportsMissingServicesAndFinalizers() async throws {
        try await SimCluster.with { cluster in
            try await cluster.createNamespace(Fleet.namespace)
            _ = try await cluster.client.create(Fleet.vmServices[0])
            let report = try await verify(cluster)
            #expect(report.discrepancies.contains(discrepancy("web", "Service", "object", "present", "absent")))
            #expect(report.discrepancies.contains(discrepancy("web", "Endpoints", "object", "present", "absent")))
            #expect(
                report.discrepancies.contains {
                    $0.kind == "VirtualMachineService" && $0.field == "metadata.finalizers" && $0.actual == "absent"
                })
        }
    }

    @Test func missingServiceIsReported() async throws {
        try await converged { cluster in
            try await cluster.client.delete(Service.self, name: "web", namespace: Fleet.namespace)
            let report = try await verify(cluster)
            #expect(report.discrepancies == [discrepancy("web", "Service", "object", "present", "absent")])
        }
    }

    @Test func wrongServicePortIsReported() async throws {
        try await converged { cluster in
            try await cluster.patch(
                Service.self, Fleet.namespace, "web",
                ["spec": ["ports": [["name": "http", "protocol": "TCP", "port": 81, "targetPort": 8080]]]])
            let report = try await verify(cluster)
            #expect(report.discrepancies == [discrepancy("web", "Service", "spec.ports[0].port", "80", "81")])
        }
    }

    @Test func missingAddressIsReported() async throws {
        try await converged { cluster in
            let stored = try await cluster.client.get(Endpoints.self, name: "web", namespace: Fleet.namespace)
            var subsets = try #require(stored.subsets)
            subsets[0].addresses = subsets[0].addresses?.filter { $0.ip != "10.0.0.11" }
            let body = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(["subsets": subsets]))
            try await cluster.patch(Endpoints.self, Fleet.namespace, "web", body)
            let report = try await verify(cluster)
            #expect(
                report.discrepancies == [
                    discrepancy("web", "Endpoints", "address 10.0.0.11 (web-1)", "ready", "absent")
                ])
        }
    }

    @Test func readinessFlipNotYetWrittenIsReportedForEverySelectingService() async throws {
        try await converged { cluster in
            try await cluster.patchVMStatus(
                Fleet.namespace, "web-2",
                VirtualMachineStatus(
                    network: VirtualMachineNetworkStatus(primaryIP4: "10.0.0.12"),
                    conditions: [
                        Condition(
                            type: "Ready", status: "False", reason: "NotReady", message: "probe failed",
                            lastTransitionTime: now)
                    ]))
            let report = try await verify(cluster)
            #expect(
                report.discrepancies.sorted { $0.name < $1.name }
                    == ["web", "web-headless", "web-lb"].map {
                        discrepancy($0, "Endpoints", "address 10.0.0.12 (web-2)", "not ready", "ready")
                    })
        }
    }

    @Test func staleLoadBalancerStatusIsReported() async throws {
        try await converged { cluster in
            try await cluster.patch(
                Service.self, Fleet.namespace, "web-lb",
                ["status": ["loadBalancer": ["ingress": [["ip": "192.0.2.10"]]]]],
                subresource: "status")
            let report = try await verify(cluster)
            #expect(
                report.discrepancies == [
                    discrepancy(
                        "web-lb", "VirtualMachineService", "status.loadBalancer.ingress", #"[{"ip":"192.0.2.10"}]"#,
                        "absent")
                ])
        }
    }

    @Test func deletionNotYetProcessedIsReported() async throws {
        try await converged { cluster in
            // The controller's finalizer holds the object until it has cleaned up.
            try await cluster.client.delete(VirtualMachineService.self, name: "web", namespace: Fleet.namespace)
            let report = try await verify(cluster)
            #expect(report.discrepancies.contains(discrepancy("web", "Service", "object", "absent", "present")))
            #expect(report.discrepancies.contains(discrepancy("web", "Endpoints", "object", "absent", "present")))
            #expect(
                report.discrepancies.contains {
                    $0.name == "web" && $0.field == "metadata.finalizers" && $0.expected == "absent"
                })
        }
    }

    @Test func invalidVirtualMachineServiceIsCountedButNotCompared() async throws {
        try await converged { cluster in
            // kube-sim does not run the CRD's CEL rules, so this reaches the cluster as an
            // object that predates them would.
            _ = try await cluster.client.create(Fleet.vmService("broken", type: "LoadBalancer", clusterIP: "None"))
            let report = try await verify(cluster)
            #expect(report.checked == 4)
            #expect(report.invalid == 1)
            #expect(report.discrepancies == [])
        }
    }
}
