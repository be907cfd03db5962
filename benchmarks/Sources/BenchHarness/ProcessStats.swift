import Foundation

/// CPU time and memory of one process, read from /proc (Linux): user+system CPU seconds from
/// `/proc/PID/stat` and the peak resident set (VmHWM) from `/proc/PID/status`.
struct ProcessStats: Codable, Sendable {
    var cpuSeconds: Double
    var peakRSSBytes: Int

    /// nil when the process is gone or /proc is not there (not Linux).
    static func read(pid: Int32) -> ProcessStats? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let cpu = cpuSeconds(stat: stat), let peak = peakRSS(status: status)
        else { return nil }
        return ProcessStats(cpuSeconds: cpu, peakRSSBytes: peak)
    }

    /// utime and stime are fields 14 and 15, in clock ticks. The command name (field 2) is in
    /// parentheses and may contain spaces, so fields are counted after its closing parenthesis.
    static func cpuSeconds(stat: String) -> Double? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// `VmHWM:   123456 kB`.
    static func peakRSS(status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let kilobytes = Int(parts[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}

/// CPU seconds a process spent in one phase, and its peak RSS at the end of the phase.
struct PhaseUsage: Codable, Sendable {
    var process: String
    var cpuSeconds: Double
    var peakRSSBytes: Int

    /// The usage between two readings of the same process.
    init(process: String, from start: ProcessStats?, to end: ProcessStats) {
        self.process = process
        self.cpuSeconds = end.cpuSeconds - (start?.cpuSeconds ?? 0)
        self.peakRSSBytes = end.peakRSSBytes
    }
}
