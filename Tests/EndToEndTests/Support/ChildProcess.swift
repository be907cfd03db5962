import Foundation
import KubeClient
import Synchronization

/// A vmsvc subcommand run as its own process, its standard error and output read line by
/// line, so a test awaits a line (an event) instead of sleeping.
final class ChildProcess: Sendable {
    let name: String
    private let process: SpawnedProcess
    /// Kept: the read end closes when the pipe goes away.
    private let outputPipe = Pipe()
    private struct Waiter {
        var text: String
        /// Only lines from this index on count.
        var from: Int
        var continuation: CheckedContinuation<String?, Never>
    }
    private let state = Mutex<(lines: [String], waiters: [Waiter], ended: Bool)>(([], [], false))
    /// Bytes after the last newline, until the rest of their line arrives.
    private let partialLine = Mutex("")

    /// The vmsvc executable built next to the test bundle.
    static let vmsvc: URL = {
        let bundle = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("vmsvc")
    }()

    /// - Parameter environment: variables set for the child on top of this process's own.
    init(_ name: String, arguments: [String], environment: [String: String] = [:]) throws {
        self.name = name
        let pipe = outputPipe
        process = try SpawnedProcess(
            Self.vmsvc.path, arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            standardOutput: pipe.fileHandleForWriting.fileDescriptor, standardError: pipe.fileHandleForWriting.fileDescriptor)
        // The child holds the only write end now: its exit ends the output.
        try pipe.fileHandleForWriting.close()
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            if data.isEmpty {
                handle.readabilityHandler = nil
                self.finish()
                return
            }
            let complete: [String] = self.partialLine.withLock { buffer in
                buffer += String(decoding: data, as: UTF8.self)
                var lines = buffer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                buffer = lines.removeLast()
                return lines
            }
            for line in complete { self.append(line) }
        }
    }

    var processIdentifier: Int32 { process.pid }

    /// Sends `signal` (SIGKILL, SIGSTOP, SIGCONT...) to the process.
    func send(_ signal: Int32) {
        process.send(signal)
    }

    /// Lines printed so far: a mark for `line(containing:from:)`.
    var lineCount: Int { state.withLock { $0.lines.count } }

    /// Every line printed so far that contains `text`.
    func lines(containing text: String) -> [String] {
        state.withLock { $0.lines.filter { $0.contains(text) } }
    }

    /// The first line (already printed or still to come) containing `text`, among the
    /// lines from index `from` on; nil if the process ends without printing one or the
    /// deadline passes.
    func line(containing text: String, from first: Int = 0, within timeout: Duration = .seconds(60)) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let found: String?? = self.state.withLock { state in
                        if let line = state.lines.dropFirst(first).first(where: { $0.contains(text) }) {
                            return .some(line)
                        }
                        if state.ended { return .some(nil) }
                        state.waiters.append(Waiter(text: text, from: first, continuation: continuation))
                        return nil
                    }
                    if let found { continuation.resume(returning: found) }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if first == nil { self.abandonWaiters(for: text) }
            return first
        }
    }

    var output: String { state.withLock { $0.lines.joined(separator: "\n") } }

    /// SIGTERM, then the exit status once the process has ended.
    func terminate() async -> Int32 {
        process.send(SIGTERM)
        return await exitStatus()
    }

    /// The exit status once the process has ended and all it printed has been read.
    func exitStatus() async -> Int32 {
        let status = await process.exit()
        // A text no line contains: returns at the end of the output.
        _ = await line(containing: "\u{0}", within: .seconds(10))
        return status
    }

    private func append(_ line: String) {
        let ready = state.withLock { state in
            state.lines.append(line)
            let index = state.lines.count - 1
            let matching = state.waiters.filter { index >= $0.from && line.contains($0.text) }
            state.waiters.removeAll { index >= $0.from && line.contains($0.text) }
            return matching.map(\.continuation)
        }
        for continuation in ready { continuation.resume(returning: line) }
    }

    private func finish() {
        let waiting = state.withLock { state in
            state.ended = true
            defer { state.waiters = [] }
            return state.waiters.map(\.continuation)
        }
        for continuation in waiting { continuation.resume(returning: nil) }
    }

    private func abandonWaiters(for text: String) {
        let abandoned = state.withLock { state in
            let matching = state.waiters.filter { $0.text == text }.map(\.continuation)
            state.waiters.removeAll { $0.text == text }
            return matching
        }
        for continuation in abandoned { continuation.resume(returning: nil) }
    }
}
