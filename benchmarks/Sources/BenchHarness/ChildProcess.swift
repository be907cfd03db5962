import Foundation

/// A process the harness started (kube-sim, a coordinator, a worker, `verify`): its output goes
/// to a log file in the run directory, its exit is an awaitable event, and stopping it is
/// SIGTERM first (every vmsvc process drains and exits 0 on it), SIGKILL after a grace period.
final class ChildProcess: Sendable {
    let name: String
    let logFile: URL
    let exit = OneShot<Int32>()
    /// The first stdout line starting with the prefix given to `launch`, if one was asked for.
    let announcement = OneShot<String>()
    private let process: Process

    private init(name: String, process: Process, logFile: URL) {
        self.name = name
        self.process = process
        self.logFile = logFile
    }

    /// Known once `launch` has returned.
    var pid: Int32 { process.processIdentifier }

    /// Starts `executable arguments…` with stdout and stderr appended to `<logDirectory>/<name>.log`.
    /// With `announcedBy`, stdout is scanned for the first line with that prefix (kube-sim's
    /// "listening on" line) before it goes to the log.
    static func launch(
        name: String, executable: String, arguments: [String], logDirectory: URL, announcedBy prefix: String? = nil
    ) throws -> ChildProcess {
        let logFile = logDirectory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = log
        let child = ChildProcess(name: name, process: process, logFile: logFile)
        if let prefix {
            let pipe = Pipe()
            process.standardOutput = pipe
            let scanner = LineScanner(prefix: prefix, log: log, found: child.announcement)
            pipe.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil } else { scanner.feed(data) }
            }
        } else {
            process.standardOutput = log
        }
        process.terminationHandler = { [exit = child.exit] finished in exit.fulfil(finished.terminationStatus) }
        try process.run()
        InterruptCleanup.started(child)
        return child
    }

    var isRunning: Bool { exit.current == nil }

    /// SIGTERM, then SIGKILL if the process has not exited within `grace`. Returns the exit
    /// status (nil when it had to be killed).
    @discardableResult
    func stop(grace: Duration = .seconds(30)) async -> Int32? {
        guard isRunning else { return exit.current }
        kill(pid, SIGTERM)
        if let status = await exit.wait(timeout: grace) { return status }
        kill(pid, SIGKILL)
        _ = await exit.wait(timeout: .seconds(5))
        return nil
    }

    /// The last lines of the log, for error messages.
    func logTail(lines: Int = 20) -> String {
        guard let text = try? String(contentsOf: logFile, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

/// Splits a stdout byte stream into lines, fulfils `found` with the first line that has the
/// prefix, and copies everything to the log.
private final class LineScanner: @unchecked Sendable {
    // Safe: readabilityHandler calls are serial for one handle; `pending` is touched only there.
    private let prefix: String
    private let log: FileHandle
    private let found: OneShot<String>
    private var pending = Data()

    init(prefix: String, log: FileHandle, found: OneShot<String>) {
        self.prefix = prefix
        self.log = log
        self.found = found
    }

    func feed(_ data: Data) {
        log.write(data)
        guard found.current == nil else { return }
        pending.append(data)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
            pending.removeSubrange(pending.startIndex...newline)
            if line.hasPrefix(prefix) {
                found.fulfil(line)
                pending = Data()
                return
            }
        }
    }
}
