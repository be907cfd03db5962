import Foundation
import Testing

@testable import KubeSim

/// The RBAC authorizer over manifests written to a temporary directory.
@Suite struct AuthRBACPolicyTests {
    static let worker = UserInfo(name: "system:serviceaccount:vmsvc-system:vmsvc-worker").authenticated()
    static let alice = UserInfo(name: "alice", groups: ["dev"]).authenticated()

    static func policy(_ files: [String: String]) throws -> RBACPolicy {
        let directory = NSTemporaryDirectory() + "kubesim-rbac-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            let path = "\(directory)/\(name)"
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return try RBACManifests.load(directory: directory)
    }

    static func allows(_ policy: RBACPolicy, _ user: UserInfo, _ method: String, _ uri: String) -> Bool {
        policy.authorize(user, AuthRequestAttributesTests.attributes(method, uri)) == .allowed
    }

    static let namespacedServiceReader = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: services-reader, namespace: ns1}
        rules:
        - apiGroups: [""]
          resources: [services]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: worker-reads-services, namespace: ns1}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: services-reader}
        subjects:
        - kind: ServiceAccount
          name: vmsvc-worker
          namespace: vmsvc-system
        """

    @Test func aRoleBindingGrantsOnlyInItsNamespace() throws {
        let policy = try Self.policy(["rbac.yaml": Self.namespacedServiceReader])
        #expect(Self.allows(policy, Self.worker, "GET", "/api/v1/namespaces/ns1/services/web"))
        #expect(Self.allows(policy, Self.worker, "GET", "/api/v1/namespaces/ns1/services?watch=true"))
        #expect(!Self.allows(policy, Self.worker, "GET", "/api/v1/namespaces/ns2/services/web"))
        #expect(!Self.allows(policy, Self.worker, "GET", "/api/v1/services"))
        #expect(!Self.allows(policy, Self.worker, "PATCH", "/api/v1/namespaces/ns1/services/web"))
        #expect(!Self.allows(policy, Self.alice, "GET", "/api/v1/namespaces/ns1/services/web"))
    }

    @Test func aServiceAccountSubjectWithoutNamespaceMeansTheBindingsNamespace() throws {
        let policy = try Self.policy([
            "rbac.yaml": """
            kind: RoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: b, namespace: vmsvc-system}
            roleRef: {kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: ServiceAccount, name: vmsvc-worker}]
            """
        ])
        #expect(Self.allows(policy, Self.worker, "DELETE", "/api/v1/namespaces/vmsvc-system/secrets/x"))
        // A ClusterRole bound by a RoleBinding stays in that namespace.
        #expect(!Self.allows(policy, Self.worker, "DELETE", "/api/v1/namespaces/default/secrets/x"))
    }

    @Test func wildcardsMatchEveryVerbAndResourceOfTheGroup() throws {
        let policy = try Self.policy([
            "roles/vm.yaml": """
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: vm-all}
            rules: [{apiGroups: [vmoperator.vmware.com], resources: ["*"], verbs: ["*"]}]
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: dev-vm-all}
            roleRef: {kind: ClusterRole, name: vm-all}
            subjects: [{kind: Group, name: dev}]
            """
        ])
        #expect(Self.allows(policy, Self.alice, "DELETE", "/apis/vmoperator.vmware.com/v1alpha2/namespaces/a/virtualmachines/x"))
        #expect(Self.allows(policy, Self.alice, "PUT", "/apis/vmoperator.vmware.com/v1alpha2/namespaces/a/virtualmachines/x/status"))
        #expect(!Self.allows(policy, Self.alice, "GET", "/api/v1/namespaces/a/services"))
    }

    @Test func resourceNamesLimitARuleToNamedObjects() throws {
        let policy = try Self.policy([
            "lease.yaml": """
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: one-lease}
            rules: [{apiGroups: [coordination.k8s.io], resources: [leases], resourceNames: [vmsvc-leader], verbs: [get, update, watch]}]
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: alice-lease}
            roleRef: {kind: ClusterRole, name: one-lease}
            subjects: [{kind: User, name: alice}]
            """
        ])
        let leases = "/apis/coordination.k8s.io/v1/namespaces/vmsvc-system/leases"
        #expect(Self.allows(policy, Self.alice, "PUT", "\(leases)/vmsvc-leader"))
        #expect(!Self.allows(policy, Self.alice, "PUT", "\(leases)/other"))
        // Neither a list nor a create names an object.
        #expect(!Self.allows(policy, Self.alice, "GET", leases))
        #expect(Self.allows(policy, Self.alice, "GET", "\(leases)?watch=true&fieldSelector=metadata.name%3Dvmsvc-leader"))
    }

    @Test func subresourcesNeedTheirOwnRule() throws {
        let policy = try Self.policy([
            "status.yaml": """
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: status-writer}
            rules:
            - {apiGroups: [vmoperator.vmware.com], resources: [virtualmachineservices/status], verbs: [update, patch]}
            - {apiGroups: [""], resources: ["*/status"], verbs: [get]}
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: alice-status}
            roleRef: {kind: ClusterRole, name: status-writer}
            subjects: [{kind: User, name: alice}]
            """
        ])
        let vmservice = "/apis/vmoperator.vmware.com/v1alpha2/namespaces/a/virtualmachineservices/web"
        #expect(Self.allows(policy, Self.alice, "PATCH", "\(vmservice)/status"))
        #expect(!Self.allows(policy, Self.alice, "PATCH", vmservice))
        #expect(Self.allows(policy, Self.alice, "GET", "/api/v1/namespaces/a/services/web/status"))
        #expect(!Self.allows(policy, Self.alice, "GET", "/api/v1/namespaces/a/services/web"))
    }

    @Test func nonResourceURLsMatchExactlyOrByStarPrefix() throws {
        let policy = try Self.policy([
            "urls.json": """
            {"kind": "List", "items": [
              {"kind": "ClusterRole", "metadata": {"name": "u"},
               "rules": [{"nonResourceURLs": ["/metrics", "/logs/*"], "verbs": ["get"]}]},
              {"kind": "ClusterRoleBinding", "metadata": {"name": "u"},
               "roleRef": {"kind": "ClusterRole", "name": "u"}, "subjects": [{"kind": "User", "name": "alice"}]}
            ]}
            """
        ])
        #expect(Self.allows(policy, Self.alice, "GET", "/metrics"))
        #expect(Self.allows(policy, Self.alice, "GET", "/logs/kube-sim"))
        #expect(!Self.allows(policy, Self.alice, "GET", "/metrics/extra"))
        #expect(!Self.allows(policy, Self.alice, "POST", "/metrics"))
    }

    @Test func everyAuthenticatedUserMayDiscover() throws {
        let policy = try Self.policy([:])
        #expect(Self.allows(policy, Self.alice, "GET", "/apis"))
        #expect(Self.allows(policy, Self.alice, "GET", "/api/v1"))
        #expect(Self.allows(policy, Self.alice, "GET", "/openapi/v3/apis/vmoperator.vmware.com/v1alpha2"))
        #expect(!Self.allows(policy, Self.alice, "GET", "/api/v1/namespaces"))
    }

    @Test func serviceAccountGroupsAndAggregatedRolesApply() throws {
        let policy = try Self.policy([
            "agg.yaml": """
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: aggregate}
            aggregationRule:
              clusterRoleSelectors: [{matchLabels: {vmsvc.io/aggregate: "true"}}]
            ---
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: piece, labels: {vmsvc.io/aggregate: "true"}}
            rules: [{apiGroups: [""], resources: [endpoints], verbs: [create]}]
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: sas}
            roleRef: {kind: ClusterRole, name: aggregate}
            subjects: [{kind: Group, name: "system:serviceaccounts:vmsvc-system"}]
            ---
            kind: ServiceAccount
            apiVersion: v1
            metadata: {name: vmsvc-worker, namespace: vmsvc-system}
            """
        ])
        #expect(Self.allows(policy, Self.worker, "POST", "/api/v1/namespaces/a/endpoints"))
        #expect(!Self.allows(policy, Self.alice, "POST", "/api/v1/namespaces/a/endpoints"))
    }

    @Test func aBindingToAMissingRoleIsNamedInTheReason() throws {
        let policy = try Self.policy([
            "missing.yaml": """
            kind: RoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: b, namespace: ns1}
            roleRef: {kind: Role, name: nope}
            subjects: [{kind: User, name: alice}]
            """
        ])
        let decision = policy.authorize(Self.alice, AuthRequestAttributesTests.attributes("GET", "/api/v1/namespaces/ns1/pods"))
        #expect(decision == .denied(reason: "RBAC: role.rbac.authorization.k8s.io \"nope\" not found"))
    }

    @Test func aBindingWithoutRoleRefFailsTheLoadNamingTheFile() throws {
        let error = #expect(throws: RBACManifests.LoadError.self) {
            try Self.policy(["bad.yaml": "kind: ClusterRoleBinding\nmetadata: {name: b}\n"])
        }
        #expect(error?.file.hasSuffix("bad.yaml") == true)
    }
}
