import Foundation
import Testing

/// `vmsvc keys generate` and the startup rule for the shard channel: tcp needs CURVE keys
/// or an explicit `--insecure-shard-channel`.
@Suite struct ShardChannelCurveCommandTests {
    private func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try ChildProcess(arguments.first ?? "vmsvc", arguments: arguments)
        let status = await process.exitStatus()
        return (status, process.output)
    }

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func generatedSecretKeyIsOwnerOnlyAndNeverOverwritten() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await ShardChannel.generateKeyPair("w", in: directory)
        let secret = directory.appendingPathComponent("w.key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: secret)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let secretText = try String(contentsOfFile: secret, encoding: .utf8)
        let publicText = try String(contentsOfFile: directory.appendingPathComponent("w.pub").path, encoding: .utf8)
        #expect(secretText.trimmingCharacters(in: .newlines).count == 40)
        #expect(publicText.trimmingCharacters(in: .newlines).count == 40)
        #expect(secretText != publicText)

        let again = try await run(["keys", "generate", "--out", directory.path, "--name", "w"])
        #expect(again.status != 0)
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == secretText)
    }

    @Test func publicKeyFileThatDoesNotMatchTheSecretIsRefused() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await ShardChannel.generateKeyPair("a", in: directory)
        try await ShardChannel.generateKeyPair("b", in: directory)
        let (status, output) = try await run([
            "coordinator", "--kubeconfig", "/nonexistent", "--listen", "tcp://127.0.0.1:0",
            "--shard-secret-key-file", directory.appendingPathComponent("a.key").path,
            "--shard-public-key-file", directory.appendingPathComponent("b.pub").path,
            "--shard-allowed-keys-dir", directory.path,
        ])
        #expect(status != 0)
        #expect(output.contains("is not the public key of"))
        let secret = try String(contentsOfFile: directory.appendingPathComponent("a.key").path, encoding: .utf8)
        #expect(!output.contains(secret.trimmingCharacters(in: .newlines)))
    }

    @Test(arguments: [
        ["coordinator", "--listen", "tcp://127.0.0.1:0"], ["worker", "--coordinator", "tcp://127.0.0.1:7400"],
    ])
    func plainTcpWithoutTheInsecureFlagIsRefusedAtStartup(command: [String]) async throws {
        let (status, output) = try await run(command + ["--kubeconfig", "/nonexistent"])
        #expect(status != 0)
        #expect(output.contains("--insecure-shard-channel"), "\(output)")
        #expect(output.contains("--shard-secret-key-file"), "\(output)")
    }
}
