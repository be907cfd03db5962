import ArgumentParser
import Foundation

/// Which controller a run measures.
enum OperatorMode: String, ExpressibleByArgument, Codable, Sendable, CaseIterable {
    /// vmsvc: one coordinator and W worker processes over ZeroMQ (or `vmsvc run`).
    case vmsvc
    /// `vmsvc-reference`: our re-implementation of the reference controller's algorithm.
    case reference
}

/// How vmsvc's processes are laid out.
enum Topology: String, ExpressibleByArgument, Codable, Sendable {
    /// `vmsvc coordinator` plus `--workers` × `vmsvc worker`, over TCP on loopback.
    case split
    /// `vmsvc run --workers W`: everything in one process, over inproc://.
    case single
}

/// Starts the controller under test as separate processes of its own.
struct OperatorLauncher: Sendable {
    var vmsvc: String
    var reference: String
    var topology: Topology
    var maxInflight: Int?
    var logLevel: String
    /// vmsvc's `--endpoints-mode`: endpoints, endpointslices or both.
    var endpointsMode: String
    /// vmsvc's `--batch-mode`: window or pace.
    var batchMode: String

    func start(mode: OperatorMode, workers: Int, kubeconfig: URL, runDirectory: URL) async throws -> [ChildProcess] {
        switch mode {
        case .reference:
            guard FileManager.default.isExecutableFile(atPath: reference) else {
                throw HarnessError("no reference controller at \(reference) (build it: swift build -c release --product vmsvc-reference)")
            }
            return [
                try ChildProcess.launch(
                    name: "reference", executable: reference, arguments: ["--kubeconfig", kubeconfig.path, "--log-level", logLevel],
                    logDirectory: runDirectory)
            ]
        case .vmsvc:
            return try await startVMSvc(workers: workers, kubeconfig: kubeconfig, runDirectory: runDirectory)
        }
    }

    private func startVMSvc(workers: Int, kubeconfig: URL, runDirectory: URL) async throws -> [ChildProcess] {
        let common = [
            "--kubeconfig", kubeconfig.path, "--metrics-bind-address", "0", "--health-probe-bind-address", "0",
            "--log-level", logLevel,
        ]
        let workerFlags = (maxInflight.map { ["--max-inflight", String($0)] } ?? []) + ["--endpoints-mode", endpointsMode, "--batch-mode", batchMode]
        if topology == .single {
            return [
                try ChildProcess.launch(
                    name: "vmsvc-run", executable: vmsvc, arguments: ["run", "--workers", String(workers)] + common + workerFlags,
                    logDirectory: runDirectory)
            ]
        }
        let endpoint = "tcp://127.0.0.1:\(try FreePort.pick())"
        // A later vmsvc may encrypt the shard channel by default; the harness runs on loopback.
        let insecure = try await supportsFlag("--insecure-shard-channel", command: "coordinator", runDirectory: runDirectory)
            ? ["--insecure-shard-channel"] : []
        var children = [
            try ChildProcess.launch(
                name: "coordinator", executable: vmsvc, arguments: ["coordinator", "--listen", endpoint] + common + insecure,
                logDirectory: runDirectory)
        ]
        for index in 0..<workers {
            children.append(
                try ChildProcess.launch(
                    name: "worker-\(index)", executable: vmsvc,
                    arguments: ["worker", "--coordinator", endpoint, "--worker-id", "bench-w\(index)"] + common + workerFlags
                        + insecure,
                    logDirectory: runDirectory))
        }
        return children
    }

    /// Whether `vmsvc <command> --help` lists the flag.
    private func supportsFlag(_ flag: String, command: String, runDirectory: URL) async throws -> Bool {
        let help = try ChildProcess.launch(
            name: "\(command)-help", executable: vmsvc, arguments: [command, "--help"], logDirectory: runDirectory)
        _ = await help.exit.wait(timeout: .seconds(30))
        return help.logTail(lines: 500).contains(flag)
    }
}

/// A TCP port nobody listens on right now, from the kernel (bind to port 0).
enum FreePort {
    static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket(): errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw HarnessError("bind(): errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw HarnessError("getsockname(): errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
