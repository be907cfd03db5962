import Foundation
import Testing

@testable import KubeClient

@Suite struct KubeConfigLoaderTests {
    static let caPEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n"

    static func config(context: String, cluster: String, user: String, server: String, extraUser: String = "") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: \(context)
        clusters:
        - name: \(cluster)
          cluster:
            server: \(server)
            certificate-authority-data: \(Data(caPEM.utf8).base64EncodedString())
        users:
        - name: \(user)
          user:
            token: secret-token-\(user)
        \(extraUser)
        contexts:
        - name: \(context)
          context:
            cluster: \(cluster)
            user: \(user)
            namespace: ns-\(context)
        """
    }

    @Test func resolvesTheCurrentContextOfAnExplicitFile() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("config", Self.config(context: "dev", cluster: "c1", user: "u1", server: "https://10.0.0.1:6443"))
        let config = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
        #expect(config.server == "https://10.0.0.1:6443")
        #expect(config.namespace == "ns-dev")
        #expect(config.tls.certificateAuthorityPEM == Array(Self.caPEM.utf8))
        #expect(!config.tls.insecureSkipVerify)
        #expect(Self.bearerToken(config) == "secret-token-u1")
    }

    static func bearerToken(_ config: ClusterConfig) -> String? {
        guard case .bearerToken(let token) = config.credentials else { return nil }
        return token.value
    }

    @Test func secretsNeverAppearInDescriptions() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "config",
            Self.config(
                context: "dev", cluster: "c1", user: "u1", server: "https://h:1",
                extraUser: "- name: basic\n  user:\n    username: admin\n    password: hunter2"))
        let loader = KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path)
        let config = try loader.load()
        let merged = try loader.mergedConfig().config
        var dumped = ""
        dump(merged, to: &dumped)
        for text in ["\(config)", "\(config.credentials)", String(reflecting: config), dumped, "\(merged)"] {
            #expect(!text.contains("secret-token"))
            #expect(!text.contains("hunter2"))
        }
    }

    @Test func kubeconfigVariableMergesFilesFirstDefinitionWinning() throws {
        let dir = try TemporaryDirectory()
        let first = try dir.write("a", Self.config(context: "one", cluster: "shared", user: "u1", server: "https://first:1"))
        let second = try dir.write(
            "b",
            Self.config(context: "two", cluster: "shared", user: "u2", server: "https://second:2"))
        let missing = "\(dir.path)/does-not-exist"
        let loader = KubeConfigLoader(
            environment: ["KUBECONFIG": "\(first):\(missing):\(second)"], homeDirectory: dir.path)
        #expect(try loader.configFiles() == [first, second])
        // current-context from the first file; cluster "shared" from the first file too.
        let current = try loader.load()
        #expect(current.server == "https://first:1")
        #expect(current.namespace == "ns-one")
        // A context only the second file defines still resolves, against the first's cluster.
        let other = try loader.load(context: "two")
        #expect(other.server == "https://first:1")
        #expect(Self.bearerToken(other) == "secret-token-u2")
    }

    @Test func usernameAndPasswordBecomeBasicAuthorization() async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "config",
            """
            current-context: x
            clusters:
            - {name: c, cluster: {server: "https://h:1", insecure-skip-tls-verify: true}}
            users:
            - {name: u, user: {username: admin, password: "pa:ss"}}
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            """)
        let config = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
        #expect(config.tls.insecureSkipVerify)
        #expect(try await config.credentials.authorization().header?.value == "Basic YWRtaW46cGE6c3M=")
    }

    @Test func fallsBackToTheHomeConfig() throws {
        let dir = try TemporaryDirectory()
        try dir.write(".kube/config", Self.config(context: "home", cluster: "c", user: "u", server: "https://home:1"))
        let config = try KubeConfigLoader(environment: [:], homeDirectory: dir.path).load()
        #expect(config.server == "https://home:1")
    }

    @Test func relativePathsAreRelativeToTheirFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write("certs/ca.pem", Self.caPEM)
        try dir.write("certs/client.pem", "CERT")
        try dir.write("certs/client.key", "KEY")
        try dir.write("certs/token", "file-token\n")
        let file = try dir.write(
            "sub/config",
            """
            current-context: x
            clusters:
            - name: c
              cluster:
                server: https://h:6443
                certificate-authority: ../certs/ca.pem
                tls-server-name: api.internal
                proxy-url: http://proxy:3128
            users:
            - name: u
              user:
                client-certificate: ../certs/client.pem
                client-key: ../certs/client.key
                tokenFile: ../certs/token
            contexts:
            - name: x
              context: {cluster: c, user: u}
            """)
        let config = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
        #expect(config.tls.certificateAuthorityPEM == Array(Self.caPEM.utf8))
        #expect(config.tls.clientIdentity?.certificatePEM == Array("CERT".utf8))
        #expect(config.tls.clientIdentity?.keyPEM.value == Array("KEY".utf8))
        #expect(config.tls.serverName == "api.internal")
        #expect(config.proxyURL == "http://proxy:3128")
        #expect(config.namespace == "default")
        guard case .tokenFile(let tokenFile) = config.credentials else {
            Issue.record("expected a token file, got \(config.credentials)")
            return
        }
        #expect(try tokenFile.read() == "file-token")
    }

    @Test func tlsServerNameRoutesTheConnectionToTheRealHost() {
        let cluster = ClusterConfig(server: "https://10.1.2.3:6443", tls: TLSSettings(serverName: "api.internal"))
        let (configuration, baseURL) = CurlTransport.Configuration.forCluster(cluster)
        #expect(baseURL == "https://api.internal:6443")
        #expect(configuration.connectTo == "api.internal:6443:10.1.2.3:6443")
    }

    @Test func missingExplicitFileIsNamed() {
        #expect(throws: KubeConfigError.fileNotFound(path: "/nope/config")) {
            try KubeConfigLoader(explicitPath: "/nope/config", environment: [:], homeDirectory: "/nope").load()
        }
    }

    @Test func noConfigurationAnywhereSaysWhereItLooked() {
        #expect(throws: KubeConfigError.noConfiguration(searched: ["/nohome/.kube/config"])) {
            try ClusterConfig.load(environment: [:], homeDirectory: "/nohome", serviceAccountDirectory: "/nope")
        }
    }

    @Test func malformedFieldIsNamedWithItsFile() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "config",
            """
            clusters:
            - name: c
              cluster:
                server: https://h:1
                insecure-skip-tls-verify: [1, 2]
            """)
        do {
            _ = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
            Issue.record("expected an error")
        } catch let error as KubeConfigError {
            guard case .malformed(let path, let field, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == file)
            #expect(field == "clusters[0].cluster.insecure-skip-tls-verify")
            #expect(error.description.contains(file))
        }
    }

    @Test func invalidYAMLIsMalformed() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("config", "clusters: [\n  - {name: c\n")
        #expect {
            try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
        } throws: { error in
            guard case KubeConfigError.malformed(let path, _, _) = error else { return false }
            return path == file
        }
    }

    @Test func missingServerAndUnknownContextAreNamed() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "config",
            """
            current-context: x
            clusters:
            - name: c
              cluster: {insecure-skip-tls-verify: true}
            contexts:
            - name: x
              context: {cluster: c}
            """)
        let loader = KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path)
        #expect(throws: KubeConfigError.missingField(path: file, field: "clusters[c].cluster.server")) {
            try loader.load()
        }
        #expect(throws: KubeConfigError.contextNotFound(name: "other", files: [file])) {
            try loader.load(context: "other")
        }
    }

    @Test func badBase64IsMalformed() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "config",
            """
            current-context: x
            clusters:
            - name: c
              cluster: {server: "https://h:1", certificate-authority-data: "!!!not base64!!!"}
            contexts:
            - name: x
              context: {cluster: c}
            """)
        #expect(
            throws: KubeConfigError.malformed(
                path: file, field: "clusters[c].cluster.certificate-authority-data", reason: "not valid base64")
        ) {
            try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
        }
    }
}
