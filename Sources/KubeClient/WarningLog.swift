import Logging
import Synchronization

/// Logs each distinct `Warning` response header once per process (deprecated APIs, unknown
/// fields…): they repeat on every request and would otherwise flood the log, as client-go's
/// deduplicating warning handler avoids too.
final class WarningLog: Sendable {
    private let seen = Mutex<Set<String>>([])
    private let logger: Logger
    /// Bound on remembered warnings, so a server that varies its text cannot grow this forever.
    private let capacity = 1024

    init(logger: Logger) {
        self.logger = logger
    }

    /// Logs the warnings among `headers` not logged before.
    func record(_ headers: [(name: String, value: String)]) {
        for header in headers where header.name.lowercased() == "warning" {
            let text = Self.text(of: header.value)
            let isNew = seen.withLock { seen in
                guard seen.count < capacity else { return false }
                return seen.insert(text).inserted
            }
            if isNew { logger.warning("API server warning", metadata: ["warning": "\(text)"]) }
        }
    }

    /// `299 - "text"` → `text` (RFC 7234 warn-code, agent, quoted text).
    static func text(of value: String) -> String {
        guard let open = value.firstIndex(of: "\""), let close = value.lastIndex(of: "\""), open < close else {
            return value
        }
        return String(value[value.index(after: open)..<close])
    }
}
