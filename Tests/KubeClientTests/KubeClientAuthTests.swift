import Foundation
import KubeModel
import KubeSim
import Testing

@testable import KubeClient

/// Each way KubeClient proves who it is, against kube-sim over TLS.
@Suite struct KubeClientAuthTests {
    static let tokens = """
        token-a,alice,1,viewers
        token-b-rotated,alice,1,viewers
        exec-token,bob,2

        """

    @Test func theWrittenKubeconfigCarriesTheCAAndTheToken() async throws {
        try await AuthSim.with(AuthPKI(), token: "admin-token") { auth in
            let kubeconfig = auth.sim.kubeconfig()
            #expect(kubeconfig.contains("server: https://127.0.0.1:"))
            #expect(kubeconfig.contains("certificate-authority-data: "))
            let dir = try TemporaryDirectory()
            let file = try dir.write("kubeconfig", kubeconfig)
            let config = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
            let client = KubeClient(config: config, options: KubeClient.Options(qps: 0, retry: .none))
            let namespaces = try await client.list(Namespace.self)
            #expect(namespaces.items.contains { $0.name == "default" })
        }
    }

    @Test func aSelfSignedServingCertificateIsTheKubeconfigsCA() async throws {
        try await AuthSim.with(AuthPKI(), token: "admin-token", certificate: "self-signed", tlsCA: nil) { auth in
            let dir = try TemporaryDirectory()
            let file = try dir.write("kubeconfig", auth.sim.kubeconfig())
            let config = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
            let selfSigned = try auth.pki.bytes("self-signed.crt")
            #expect(config.tls.certificateAuthorityPEM == selfSigned)
            _ = try await KubeClient(config: config, options: KubeClient.Options(qps: 0)).list(Namespace.self)
        }
    }

    @Test func aWrongOrMissingTokenIsUnauthorized() async throws {
        try await AuthSim.with(AuthPKI(), token: "admin-token") { auth in
            let wrong = await AuthSim.unauthorized { try await auth.client(token: "wrong").list(Namespace.self) }
            #expect(wrong?.reason == "Unauthorized")
            #expect(wrong?.code == 401)
            let none = await AuthSim.unauthorized { try await auth.client().list(Namespace.self) }
            #expect(none?.message == "Unauthorized")
            _ = try await auth.client(token: "admin-token").list(Namespace.self)
        }
    }

    @Test func aRotatedTokenFileIsReadAgain() async throws {
        try await AuthSim.with(AuthPKI(), tokens: Self.tokens) { auth in
            let tokenFile = try auth.pki.dir.write("sa-token", "token-a\n")
            let client = try auth.client(.tokenFile(TokenFile(path: tokenFile)))
            _ = try await client.list(Namespace.self)
            // token-a is still valid on the server: a 401 shows the client sent the new content.
            try auth.pki.dir.write("sa-token", "revoked-token\n")
            #expect(await AuthSim.unauthorized { try await client.list(Namespace.self) } != nil)
            try auth.pki.dir.write("sa-token", "token-b-rotated\n")
            _ = try await client.list(Namespace.self)
        }
    }

    static let viewers = """
        kind: ClusterRole
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: namespace-viewer}
        rules: [{apiGroups: [""], resources: [namespaces], verbs: [get, list, watch]}]
        ---
        kind: ClusterRoleBinding
        apiVersion: rbac.authorization.k8s.io/v1
        metadata: {name: viewers}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: namespace-viewer}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: viewers}]
        """

    @Test func aClientCertificateNamesUserAndGroups() async throws {
        let pki = try AuthPKI()
        let jane = try pki.client("jane", user: "jane", groups: ["viewers", "testers"])
        try await AuthSim.with(pki, clientCA: true, rbac: Self.viewers) { auth in
            let client = try auth.client(identity: ClientIdentity(certificatePEM: jane.certificate, keyPEM: jane.key))
            _ = try await client.list(Namespace.self)
            let denied = await AuthSim.forbidden {
                try await client.create(Namespace(metadata: ObjectMeta(name: "jane-ns")))
            }
            #expect(
                denied?.message
                    == "namespaces is forbidden: User \"jane\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope"
            )
            // Without a certificate (or token) the same server answers 401.
            #expect(await AuthSim.unauthorized { try await auth.client().list(Namespace.self) } != nil)
        }
    }

    @Test func aCertificateFromAnotherCAIsRejected() async throws {
        let pki = try AuthPKI()
        let mallory = try pki.client("mallory", user: "admin", groups: ["system:masters"], by: "other-ca")
        try await AuthSim.with(pki, clientCA: true) { auth in
            let client = try auth.client(identity: ClientIdentity(certificatePEM: mallory.certificate, keyPEM: mallory.key))
            let error = await #expect(throws: KubeAPIError.self) { try await client.list(Namespace.self) }
            guard case .transport = error else {
                Issue.record("expected a TLS failure, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func anExecPluginsTokenIsRefreshedAfterA401AndCachedUntilExpiry() async throws {
        try await AuthSim.with(AuthPKI(), tokens: Self.tokens) { auth in
            let dir = auth.pki.dir
            // The first run hands out a stale token, later runs a valid one.
            let plugin = try dir.write(
                "plugin.sh",
                """
                #!/bin/sh
                echo run >> "\(dir.path)/plugin-runs"
                if [ "$(wc -l < "\(dir.path)/plugin-runs")" -eq 1 ]; then token=stale; else token=exec-token; fi
                printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}\\n' "$token"

                """, executable: true)
            let client = try auth.client(.exec(ExecCredentialProvider(KubeConfig.ExecConfig(command: plugin))))
            _ = try await client.list(Namespace.self)
            _ = try await client.list(Namespace.self)
            let runs = try String(contentsOfFile: "\(dir.path)/plugin-runs", encoding: .utf8)
            #expect(runs.split(separator: "\n").count == 2)
        }
    }

    @Test func inClusterConfigurationReachesTheServer() async throws {
        let pki = try AuthPKI()
        try await AuthSim.with(pki, tokens: Self.tokens) { auth in
            let serviceAccount = try TemporaryDirectory()
            try serviceAccount.write("token", "token-a\n")
            try serviceAccount.write("ca.crt", String(decoding: try pki.bytes("ca.crt"), as: UTF8.self))
            try serviceAccount.write("namespace", "vmsvc-system\n")
            let port = try #require(auth.sim.port)
            let config = try InClusterConfig.load(
                environment: ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(port)"],
                directory: serviceAccount.path)
            #expect(config.namespace == "vmsvc-system")
            let client = KubeClient(config: config, options: KubeClient.Options(qps: 0, retry: .none))
            _ = try await client.get(Namespace.self, name: "default")
        }
    }
}
