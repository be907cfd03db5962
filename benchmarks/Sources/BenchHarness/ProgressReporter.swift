import Foundation

/// Live progress on stderr: on a terminal one line redrawn in place with a bar; otherwise
/// (CI, a log file) a plain line at most every five seconds, plus every finished step.
final class ProgressReporter: @unchecked Sendable {
    // Safe: `lastPlainLine` and `drawn` are only touched under `lock`.
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let started = ContinuousClock.now
    private var lastPlainLine: ContinuousClock.Instant?
    private var drawn = false

    /// - Parameters:
    ///   - fraction: how much of the phase is done, when known (draws the bar).
    func update(_ phase: String, fraction: Double? = nil, _ detail: String) {
        let line = "[\(clock)] \(phase)\(fraction.map { " " + Self.bar($0) } ?? "") \(detail)"
        lock.withLock {
            if isTerminal {
                write("\r\u{1B}[2K" + line)
                drawn = true
            } else if lastPlainLine.map({ ContinuousClock.now - $0 >= .seconds(5) }) ?? true {
                lastPlainLine = .now
                write(line + "\n")
            }
        }
    }

    /// A line that stays.
    func log(_ message: String) {
        lock.withLock {
            write((drawn ? "\r\u{1B}[2K" : "") + "[\(clock)] \(message)\n")
            drawn = false
            lastPlainLine = nil
        }
    }

    private var clock: String {
        let seconds = Int((ContinuousClock.now - started).seconds)
        return String(format: "%02d:%02d", seconds / 60, seconds % 60)
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    static func bar(_ fraction: Double, width: Int = 24) -> String {
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            + String(format: " %3d%%", Int(fraction * 100))
    }
}
