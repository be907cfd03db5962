import Foundation
import KubeClient
import KubeModel
import Testing
import VMServiceCore

@testable import Verify

/// `verify` checks the EndpointSlices by `--endpoints-mode`.
@Suite struct EndpointSliceVerifyTests {
    let now = Time(secondsSince1970: 1_800_000_000)

    private func reconciler(_ mode: EndpointsMode) -> Reconciler {
        Reconciler(options: ReconcileOptions(endpointsMode: mode))
    }

    /// The fleet's `web` service, converged by a controller running in `mode`.
    private func converged(_ mode: EndpointsMode, _ body: (SimCluster) async throws -> Void) async throws {
        try await SimCluster.with { cluster in
            try await cluster.createNamespace(Fleet.namespace)
            for vm in Fleet.vms { try await cluster.createVM(vm) }
            _ = try await cluster.client.create(Fleet.vmServices[0])
            try await PlanRunner(client: cluster.client, reconciler: reconciler(mode)).converge {
                try await ClusterState.read(from: cluster.client, version: .v1alpha3).reconcileInputs(now: now)
            }
            try await body(cluster)
        }
    }

    private func verify(_ cluster: SimCluster, _ mode: EndpointsMode) async throws -> [String] {
        let state = try await ClusterState.read(from: cluster.client, version: .v1alpha3)
        return ClusterVerifier(reconciler: reconciler(mode)).verify(state, now: now).discrepancies.map(\.description)
    }

    private func slices(_ cluster: SimCluster) async throws -> [EndpointSlice] {
        try await cluster.client.listAll(EndpointSlice.self, namespace: Fleet.namespace).items
    }

    @Test func aClusterConvergedInEachModeIsClean() async throws {
        for mode in EndpointsMode.allCases {
            try await converged(mode) { cluster in
                #expect(try await verify(cluster, mode) == [], "\(mode)")
                let ours = try await slices(cluster).filter {
                    $0.metadata.labels?[EndpointSlice.managedByLabel] == EndpointSliceConstants.managerName
                }
                #expect(ours.count == (mode.writesEndpointSlices ? 1 : 0), "\(mode)")
                let endpoints = try? await cluster.client.get(Endpoints.self, name: "web", namespace: Fleet.namespace)
                #expect((endpoints != nil) == mode.writesEndpoints, "\(mode)")
            }
        }
    }

    @Test func aDriftedEndpointConditionIsReportedOnItsSlice() async throws {
        try await converged(.endpointslices) { cluster in
            let slice = try #require(try await slices(cluster).first)
            var endpoints = slice.endpoints ?? []
            let index = try #require(endpoints.firstIndex { $0.addresses == ["10.0.0.11"] })
            endpoints[index].conditions = EndpointSlice.Conditions(ready: false, serving: false, terminating: false)
            let body = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(["endpoints": endpoints]))
            try await cluster.patch(EndpointSlice.self, Fleet.namespace, slice.name, body)
            #expect(try await verify(cluster, .endpointslices) == [
                "shop/\(slice.name) EndpointSlice endpoint 10.0.0.11 (web-1): expected ready, actual not ready"
            ])
        }
    }

    @Test func aMissingSliceIsReportedByItsEndpoints() async throws {
        try await converged(.endpointslices) { cluster in
            let slice = try #require(try await slices(cluster).first)
            try await cluster.client.delete(EndpointSlice.self, name: slice.name, namespace: Fleet.namespace)
            let report = try await verify(cluster, .endpointslices)
            #expect(report.contains("shop/new IPv4 slice EndpointSlice endpoint 10.0.0.11 (web-1): expected ready, actual absent"))
            #expect(report.contains("shop/new IPv4 slice EndpointSlice endpoint 10.0.0.13 (web-3): expected not ready, actual absent"))
        }
    }

    @Test func switchingModesReportsWhatTheOtherModeLeftBehind() async throws {
        try await converged(.both) { cluster in
            let slice = try #require(try await slices(cluster).first)
            let asEndpointsOnly = try await verify(cluster, .endpoints)
            #expect(asEndpointsOnly.contains("shop/\(slice.name) EndpointSlice object: expected absent, actual present"))
            #expect(asEndpointsOnly.contains {
                $0.hasPrefix("shop/web Endpoints metadata.labels.endpointslice.kubernetes.io/skip-mirror")
            })
            #expect(try await verify(cluster, .endpointslices) == [
                "shop/web Endpoints object: expected absent, actual present"
            ])
        }
    }
}
