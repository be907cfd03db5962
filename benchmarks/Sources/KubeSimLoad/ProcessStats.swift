#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time and resident memory of a process, read from Linux's /proc.
struct ProcessStats {
    /// User plus system CPU seconds consumed so far.
    var cpuSeconds: Double
    /// Resident set size in bytes.
    var residentBytes: Int

    /// `pid` nil: this process.
    static func read(pid: Int32?) -> ProcessStats? {
        let base = pid.map { "/proc/\($0)" } ?? "/proc/self"
        guard let stat = readFile("\(base)/stat"), let status = readFile("\(base)/status") else { return nil }
        // The command name (field 2) may hold spaces; the fields after its closing ')' are plain.
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After ')': state is field 3, so utime (14) and stime (15) sit at offsets 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let rssLine = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        let kilobytes = rssLine?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return ProcessStats(cpuSeconds: (user + system) / ticks, residentBytes: kilobytes * 1024)
    }

    private static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
