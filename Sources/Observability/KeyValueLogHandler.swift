import Foundation
import Logging

/// The process-wide swift-log handler: one line per event on standard error, in the
/// `--log-format`, at or above the `--log-level`.
public struct KeyValueLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let renderer: LogLineRenderer

    public init(label: String, level: Logger.Level, format: LogFormat) {
        self.label = label
        self.logLevel = level
        self.renderer = LogLineRenderer(format: format)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        let line = renderer.render(
            time: Date(), level: event.level, label: label, message: event.message.description, metadata: merged)
        // One write(2) per line, so lines from different threads never interleave.
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Installs the handler for every logger of the process. swift-log allows this once per
    /// process, so only the executable calls it, before any logger is made.
    public static func bootstrap(level: Logger.Level, format: LogFormat) {
        LoggingSystem.bootstrap { label in KeyValueLogHandler(label: label, level: level, format: format) }
    }
}
