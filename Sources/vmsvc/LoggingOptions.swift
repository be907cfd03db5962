import ArgumentParser
import Logging
import Observability

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}

/// `--log-level` and `--log-format`, for every long-running command.
struct LoggingOptions: ParsableArguments {
    @Option(help: "trace, debug, info, notice, warning, error or critical. Env: VMSVC_LOG_LEVEL. Default: info.")
    var logLevel: Logger.Level?

    @Option(
        help:
            "text (one human-readable line per event) or json (one object per line). Env: VMSVC_LOG_FORMAT. Default: text."
    )
    var logFormat: LogFormat?

    var level: Logger.Level {
        logLevel ?? Environment.string("VMSVC_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
    }

    var format: LogFormat {
        logFormat ?? Environment.string("VMSVC_LOG_FORMAT").flatMap(LogFormat.init(rawValue:)) ?? .text
    }

    /// Installs the process-wide handler; call once, first thing in `run()`.
    func bootstrap() {
        KeyValueLogHandler.bootstrap(level: level, format: format)
    }
}
