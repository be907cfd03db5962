import Foundation
import KubeModel
import KubeSim
import Testing

@testable import KubeClient

/// RBAC as KubeClient meets it: service-account tokens from a token file, roles from
/// manifests, and kube-apiserver's 403 messages surfacing as `KubeAPIError.forbidden`.
@Suite struct KubeClientRBACAuthTests {
    static let worker = "system:serviceaccount:vmsvc-system:vmsvc-worker"
    static let tokens = """
        admin-token,admin,0,system:masters
        worker-token,\(worker),1
        coordinator-token,system:serviceaccount:vmsvc-system:vmsvc-coordinator,2

        """
    static let rbac = """
        kind: Role
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: service-syncer, namespace: ns1}
        rules:
        - {apiGroups: [""], resources: [services], verbs: [get, list, watch]}
        - {apiGroups: [""], resources: [services/status], verbs: [update, patch]}
        ---
        kind: RoleBinding
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: worker, namespace: ns1}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: service-syncer}
        subjects: [{kind: ServiceAccount, name: vmsvc-worker, namespace: vmsvc-system}]
        ---
        kind: ClusterRole
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: coordinator}
        rules:
        - {apiGroups: [coordination.k8s.io], resources: ["*"], verbs: ["*"]}
        - {apiGroups: [""], resources: [configmaps], resourceNames: [vmsvc-shards], verbs: [get]}
        ---
        kind: ClusterRoleBinding
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: coordinator}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: coordinator}
        subjects: [{kind: ServiceAccount, name: vmsvc-coordinator, namespace: vmsvc-system}]
        """

    static func with(_ body: (AuthSim) async throws -> Void) async throws {
        try await AuthSim.with(AuthPKI(), tokens: tokens, rbac: rbac) { auth in
            let admin = try auth.client(token: "admin-token")
            for namespace in ["ns1", "ns2", "vmsvc-system"] {
                _ = try await admin.create(Namespace(metadata: ObjectMeta(name: namespace)))
            }
            for namespace in ["ns1", "ns2"] {
                let service: JSONValue = [
                    "apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
                    "spec": ["ports": [["port": 80]]],
                ]
                _ = try await admin.create(service, in: Service.resource, namespace: namespace)
            }
            try await body(auth)
        }
    }

    @Test func whatARoleGrantsIsAllowedAndTheRestIsForbiddenWithTheAPIServersMessage() async throws {
        try await Self.with { auth in
            let worker = try auth.client(token: "worker-token")
            let service = try await worker.get(Service.self, name: "web", namespace: "ns1")
            #expect(service.name == "web")
            let denied = await AuthSim.forbidden {
                try await worker.patch(Service.self, name: "web", namespace: "ns1", patch: .merge(["metadata": ["labels": ["a": "b"]]]))
            }
            #expect(
                denied?.message
                    == "services \"web\" is forbidden: User \"\(Self.worker)\" cannot patch resource \"services\" in API group \"\" in the namespace \"ns1\""
            )
            #expect(denied?.reason == "Forbidden")
            #expect(denied?.details?.name == "web")
        }
    }

    @Test func aRoleBindingGrantsNothingInOtherNamespaces() async throws {
        try await Self.with { auth in
            let worker = try auth.client(token: "worker-token")
            _ = try await worker.list(Service.self, namespace: "ns1")
            let denied = await AuthSim.forbidden { try await worker.list(Service.self, namespace: "ns2") }
            #expect(
                denied?.message
                    == "services is forbidden: User \"\(Self.worker)\" cannot list resource \"services\" in API group \"\" in the namespace \"ns2\""
            )
            #expect(await AuthSim.forbidden { try await worker.list(Service.self) } != nil)
        }
    }

    @Test func theStatusSubresourceIsGrantedSeparately() async throws {
        try await Self.with { auth in
            let worker = try auth.client(token: "worker-token")
            let service = try await worker.get(Service.self, name: "web", namespace: "ns1")
            _ = try await worker.updateStatus(service)
            let denied = await AuthSim.forbidden { try await worker.update(service) }
            #expect(denied?.message?.contains("cannot update resource \"services\" in API group \"\"") == true)
        }
    }

    @Test func wildcardsAndResourceNamesApply() async throws {
        try await Self.with { auth in
            let coordinator = try auth.client(token: "coordinator-token")
            let lease = Lease(metadata: ObjectMeta(name: "vmsvc-leader", namespace: "vmsvc-system"), spec: LeaseSpec(holderIdentity: "c-1"))
            _ = try await coordinator.create(lease)
            _ = try await coordinator.delete(Lease.self, name: "vmsvc-leader", namespace: "vmsvc-system")
            let configMaps = ResourceDescriptor(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
            let other = await AuthSim.forbidden {
                try await coordinator.get(configMaps, name: "other", namespace: "vmsvc-system", as: JSONValue.self)
            }
            #expect(
                other?.message
                    == "configmaps \"other\" is forbidden: User \"system:serviceaccount:vmsvc-system:vmsvc-coordinator\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"vmsvc-system\""
            )
            // The named one is allowed through RBAC and then simply does not exist.
            let missing = await #expect(throws: KubeAPIError.self) {
                try await coordinator.get(configMaps, name: "vmsvc-shards", namespace: "vmsvc-system", as: JSONValue.self)
            }
            #expect(missing?.code == 404)
        }
    }
}
