import Foundation
import Testing

@testable import KubeClient

@Suite struct ExecCredentialProviderTests {
    /// A plugin that counts its runs in a file and prints a token numbered by the run.
    static func plugin(in dir: TemporaryDirectory, expiration: String?) throws -> String {
        let expiry = expiration.map { #", "expirationTimestamp": "\#($0)""# } ?? ""
        return try dir.write(
            "plugin.sh",
            """
            #!/bin/sh
            count=$(cat "$COUNTER" 2>/dev/null || echo 0)
            count=$((count + 1))
            echo $count > "$COUNTER"
            case "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) exit 3 ;; esac
            echo '{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",'
            echo '"status": {"token": "'"$TOKEN_PREFIX"'-'$count'"\(expiry)}}'
            """, executable: true)
    }

    static func provider(_ dir: TemporaryDirectory, expiration: String?) throws -> ExecCredentialProvider {
        let script = try plugin(in: dir, expiration: expiration)
        return ExecCredentialProvider(
            KubeConfig.ExecConfig(
                command: script,
                env: [.init(name: "COUNTER", value: "\(dir.path)/count"), .init(name: "TOKEN_PREFIX", value: "tok")]))
    }

    @Test func runsThePluginAndCachesTheTokenUntilItExpires() async throws {
        let dir = try TemporaryDirectory()
        let provider = try Self.provider(dir, expiration: "2999-01-01T00:00:00Z")
        let first = try await provider.credential()
        let second = try await provider.credential()
        #expect(first.token?.value == "tok-1")
        #expect(second.token?.value == "tok-1")
        #expect(first.expiration != nil)
        #expect(!"\(first)".contains("tok-1"))
    }

    @Test func anExpiredCredentialRunsThePluginAgain() async throws {
        let dir = try TemporaryDirectory()
        let provider = try Self.provider(dir, expiration: "2000-01-01T00:00:00Z")
        #expect(try await provider.credential().token?.value == "tok-1")
        #expect(try await provider.credential().token?.value == "tok-2")
    }

    @Test func invalidatingAfterA401RunsThePluginAgain() async throws {
        let dir = try TemporaryDirectory()
        let provider = try Self.provider(dir, expiration: nil)
        #expect(try await provider.credential().token?.value == "tok-1")
        #expect(try await provider.credential().token?.value == "tok-1")
        await provider.invalidate()
        #expect(try await provider.credential().token?.value == "tok-2")
    }

    @Test func credentialsAttachTheTokenAsABearerHeader() async throws {
        let dir = try TemporaryDirectory()
        let credentials = Credentials.exec(try Self.provider(dir, expiration: nil))
        #expect(try await credentials.authorization().header?.value == "Bearer tok-1")
    }

    @Test func aFailingPluginIsReportedWithItsStatus() async throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("fail.sh", "#!/bin/sh\nexit 7\n", executable: true)
        let provider = ExecCredentialProvider(KubeConfig.ExecConfig(command: script))
        await #expect(throws: KubeConfigError.execPluginFailed(command: script, reason: "exited with status 7")) {
            try await provider.credential()
        }
    }

    @Test func outputThatIsNotAnExecCredentialIsRejected() async throws {
        let dir = try TemporaryDirectory()
        let script = try dir.write("junk.sh", "#!/bin/sh\necho hello\n", executable: true)
        let provider = ExecCredentialProvider(KubeConfig.ExecConfig(command: script))
        await #expect {
            try await provider.credential()
        } throws: { error in
            guard case KubeConfigError.execPluginFailed(_, let reason) = error else { return false }
            return reason.contains("not an ExecCredential")
        }
    }

    @Test func aCommandNotOnThePathIsReported() async {
        let provider = ExecCredentialProvider(KubeConfig.ExecConfig(command: "no-such-plugin-vmsvc"))
        await #expect(throws: KubeConfigError.execPluginFailed(command: "no-such-plugin-vmsvc", reason: "not found in PATH")) {
            try await provider.credential()
        }
    }

    @Test func kubeconfigExecStanzaResolvesRelativeCommandAgainstTheFile() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(
            "config",
            """
            current-context: x
            clusters:
            - {name: c, cluster: {server: "https://h:1"}}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/plugin
                  args: [get-token]
                  env: [{name: A, value: b}]
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            """)
        let config = try KubeConfigLoader(explicitPath: file, environment: [:], homeDirectory: dir.path).load()
        guard case .exec(let provider) = config.credentials else {
            Issue.record("expected exec credentials, got \(config.credentials)")
            return
        }
        #expect(provider.command == "\(dir.path)/./bin/plugin")
    }
}
