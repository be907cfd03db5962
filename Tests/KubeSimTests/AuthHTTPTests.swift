import Foundation
import KubeModel
import NIOHTTP1
import Testing

@testable import KubeSim

/// Authentication and authorization as seen over HTTP: status codes, `Status` bodies and
/// the endpoints that stay open.
@Suite struct AuthHTTPTests {
    static let rbac = """
        kind: Role
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: configmap-reader, namespace: ns1}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]
        ---
        kind: RoleBinding
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: worker, namespace: ns1}
        roleRef: {kind: Role, name: configmap-reader}
        subjects: [{kind: ServiceAccount, name: vmsvc-worker, namespace: vmsvc-system}]
        """

    /// kube-sim with `--token admin-token` and a token file naming the worker service account,
    /// and, with `rbac`, those manifests.
    static func withAuth<T>(rbac: String? = nil, _ body: (SimHarness) async throws -> T) async throws -> T {
        let directory = NSTemporaryDirectory() + "kubesim-auth-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: "\(directory)/rbac", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "worker-token,system:serviceaccount:vmsvc-system:vmsvc-worker,w1\n"
            .write(toFile: "\(directory)/tokens.csv", atomically: true, encoding: .utf8)
        if let rbac { try rbac.write(toFile: "\(directory)/rbac/rbac.yaml", atomically: true, encoding: .utf8) }
        let configuration = KubeSimConfiguration(
            threads: 1, bearerToken: "admin-token", tokenAuthFile: "\(directory)/tokens.csv",
            rbacDirectory: rbac == nil ? nil : "\(directory)/rbac")
        return try await SimHarness.with(configuration, body)
    }

    static func get(_ sim: SimHarness, _ path: String, token: String? = nil) async throws -> TestHTTPClient.Response {
        try await sim.client.request(.GET, path, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    @Test func withoutCredentialsTheAnswerIs401Unauthorized() async throws {
        try await Self.withAuth { sim in
            let response = try await Self.get(sim, "/api/v1/namespaces")
            #expect(response.status == 401)
            #expect(response.json["kind"] == "Status")
            #expect(response.json["reason"] == "Unauthorized")
            #expect(response.json["message"] == "Unauthorized")
            #expect(response.json["code"] == 401)
            #expect(try await Self.get(sim, "/api").status == 401)
        }
    }

    @Test func healthVersionAndAdminEndpointsNeedNoCredentials() async throws {
        try await Self.withAuth { sim in
            for path in ["/healthz", "/livez", "/readyz", "/version", "/admin/faults"] {
                #expect(try await Self.get(sim, path).status == 200, "\(path)")
            }
        }
    }

    @Test func anUnknownTokenIsRejectedEvenOnPublicEndpoints() async throws {
        try await Self.withAuth { sim in
            #expect(try await Self.get(sim, "/healthz", token: "guess").status == 401)
            #expect(try await Self.get(sim, "/api/v1/namespaces", token: "guess").status == 401)
        }
    }

    @Test func theAdminTokenAndFileTokensAuthenticate() async throws {
        try await Self.withAuth { sim in
            #expect(try await Self.get(sim, "/api/v1/namespaces", token: "admin-token").status == 200)
            // Without --rbac every authenticated user may do everything.
            #expect(try await Self.get(sim, "/api/v1/namespaces", token: "worker-token").status == 200)
        }
    }

    @Test func rbacDenialIs403NamingUserVerbResourceAndNamespace() async throws {
        try await Self.withAuth(rbac: Self.rbac) { sim in
            #expect(try await Self.get(sim, "/api/v1/namespaces/ns1/configmaps", token: "worker-token").status == 200)
            let denied = try await sim.client.request(
                .DELETE, "/api/v1/namespaces/ns1/configmaps/settings", headers: [("Authorization", "Bearer worker-token")])
            #expect(denied.status == 403)
            #expect(denied.json["reason"] == "Forbidden")
            #expect(
                denied.json["message"]
                    == """
                    configmaps "settings" is forbidden: User "system:serviceaccount:vmsvc-system:vmsvc-worker" \
                    cannot delete resource "configmaps" in API group "" in the namespace "ns1"
                    """)
            #expect(denied.json["details"]?["name"] == "settings")
            #expect(denied.json["details"]?["kind"] == "configmaps")
            let clusterWide = try await Self.get(sim, "/api/v1/configmaps", token: "worker-token")
            #expect(
                clusterWide.json["message"]
                    == """
                    configmaps is forbidden: User "system:serviceaccount:vmsvc-system:vmsvc-worker" \
                    cannot list resource "configmaps" in API group "" at the cluster scope
                    """)
            let path = try await Self.get(sim, "/metrics", token: "worker-token")
            #expect(path.status == 403)
            #expect(
                path.json["message"]
                    == "forbidden: User \"system:serviceaccount:vmsvc-system:vmsvc-worker\" cannot get path \"/metrics\"")
        }
    }

    @Test func discoveryIsOpenToAuthenticatedUsersAndSystemMastersToEverything() async throws {
        try await Self.withAuth(rbac: Self.rbac) { sim in
            #expect(try await Self.get(sim, "/api/v1", token: "worker-token").status == 200)
            #expect(try await Self.get(sim, "/apis", token: "worker-token").status == 200)
            #expect(try await Self.get(sim, "/openapi/v2", token: "worker-token").status == 200)
            #expect(try await Self.get(sim, "/api/v1/secrets", token: "admin-token").status == 200)
        }
    }

    @Test func theKubeconfigCarriesTheToken() async throws {
        try await Self.withAuth { sim in
            #expect(sim.sim.kubeconfig().contains("token: \"admin-token\""))
            #expect(sim.sim.kubeconfig().contains("server: http://127.0.0.1:"))
        }
    }

    @Test func inconsistentSettingsFailTheStart() async throws {
        for configuration in [
            KubeSimConfiguration(threads: 1, rbacDirectory: "/nonexistent"),
            KubeSimConfiguration(threads: 1, clientCAPath: "/nonexistent"),
            KubeSimConfiguration(threads: 1, tlsCertificatePath: "/nonexistent"),
            KubeSimConfiguration(threads: 1, tokenAuthFile: "/nonexistent"),
        ] {
            let sim = KubeSim(configuration: configuration)
            await #expect(throws: ServingSecurity.ConfigurationError.self) { try await sim.start() }
            try await sim.stop()
        }
    }
}
