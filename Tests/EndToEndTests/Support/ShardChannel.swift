import Foundation
import Testing

/// How the end-to-end coordinator and worker processes secure their tcp shard channel:
/// a tcp channel needs either CURVE keys or the explicit insecure flag.
enum ShardChannel {
    /// `--insecure-shard-channel` on both sides.
    case insecure
    /// CURVE keys made by `vmsvc keys generate` (see `generateCurve`).
    case curve(keys: URL)

    static let insecureFlag = "--insecure-shard-channel"

    var coordinatorArguments: [String] {
        switch self {
        case .insecure: [Self.insecureFlag]
        case .curve(let keys):
            [
                "--shard-secret-key-file", keys.appendingPathComponent("coordinator.key").path,
                "--shard-public-key-file", keys.appendingPathComponent("coordinator.pub").path,
                "--shard-allowed-keys-dir", keys.appendingPathComponent("allowed").path,
            ]
        }
    }

    func workerArguments(index: Int) -> [String] {
        switch self {
        case .insecure: [Self.insecureFlag]
        case .curve(let keys):
            [
                "--shard-secret-key-file", keys.appendingPathComponent("worker-\(index).key").path,
                "--coordinator-public-key-file", keys.appendingPathComponent("coordinator.pub").path,
            ]
        }
    }

    /// Keys for a coordinator and `workers` workers in `directory`: every worker's public
    /// key goes into `allowed/`, the coordinator's allowlist, as a mounted Secret would.
    static func generateCurve(workers: Int, in directory: URL) async throws -> ShardChannel {
        let allowed = directory.appendingPathComponent("allowed")
        try FileManager.default.createDirectory(at: allowed, withIntermediateDirectories: true)
        for name in ["coordinator"] + (0..<workers).map({ "worker-\($0)" }) {
            try await generateKeyPair(name, in: directory)
            guard name != "coordinator" else { continue }
            try FileManager.default.moveItem(
                at: directory.appendingPathComponent("\(name).pub"), to: allowed.appendingPathComponent("\(name).pub"))
        }
        return .curve(keys: directory)
    }

    /// Runs `vmsvc keys generate` for `name.key` and `name.pub` in `directory`.
    static func generateKeyPair(_ name: String, in directory: URL) async throws {
        let process = try ChildProcess(
            "keys", arguments: ["keys", "generate", "--out", directory.path, "--name", name])
        let status = await process.exitStatus()
        try #require(status == 0, "\(process.output)")
    }
}
