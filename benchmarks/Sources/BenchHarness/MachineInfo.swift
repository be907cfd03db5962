import Foundation

/// The machine and source a result came from, so that numbers are never quoted without them.
struct MachineInfo: Codable, Sendable {
    var cores: Int
    var memoryBytes: UInt64
    var cpuModel: String?
    var kernel: String?
    /// The 1/5/15-minute load averages when the scenario started: on a shared machine they say
    /// how much of it the benchmark had.
    var loadAverage: String?
    var hostname: String

    static func current() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) }
        return MachineInfo(
            cores: ProcessInfo.processInfo.activeProcessorCount, memoryBytes: ProcessInfo.processInfo.physicalMemory,
            cpuModel: model, kernel: firstLine("/proc/sys/kernel/osrelease"),
            loadAverage: firstLine("/proc/loadavg").map { $0.split(separator: " ").prefix(3).joined(separator: " ") },
            hostname: ProcessInfo.processInfo.hostName)
    }

    private static func firstLine(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").first.map(String.init)
    }
}

/// The commit of the repository the harness runs in, and whether the tree had changes.
struct SourceInfo: Codable, Sendable {
    var commit: String?
    var dirty: Bool?

    static func current(repository: String) async -> SourceInfo {
        let commit = await git(["rev-parse", "HEAD"], in: repository)
        let status = await git(["status", "--porcelain", "--untracked-files=no"], in: repository)
        return SourceInfo(commit: commit, dirty: status.map { !$0.isEmpty })
    }

    private static func git(_ arguments: [String], in repository: String) async -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
