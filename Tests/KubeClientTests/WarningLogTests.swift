import Logging
import Synchronization
import Testing

@testable import KubeClient

/// Collects log messages so tests can see what was logged.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    var messages: [String] { lines.withLock { $0 } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(sink: self) }
    }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            sink.lines.withLock { $0.append("\(event.message) \(rendered)") }
        }
    }
}

@Suite struct WarningLogTests {
    @Test func eachDistinctWarningIsLoggedOnce() {
        let logs = CapturedLogs()
        let warnings = WarningLog(logger: logs.logger)
        let deprecated = (name: "Warning", value: #"299 - "v1beta1 Thing is deprecated""#)
        warnings.record([deprecated, ("Content-Type", "application/json")])
        warnings.record([deprecated])
        warnings.record([(name: "warning", value: #"299 - "unknown field \"spec.x\"""#)])
        #expect(logs.messages == [
            "API server warning warning=v1beta1 Thing is deprecated",
            #"API server warning warning=unknown field \"spec.x\""#,
        ])
    }
}
