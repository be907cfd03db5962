import ArgumentParser
import Foundation

/// `--config FILE`: every flag of the command, as a YAML file (see `ConfigFile`).
struct ConfigFileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "YAML file of flag settings, keyed by long flag name without dashes (leader-elect: true, batch-period: 50ms). Precedence: flag, then environment variable, then this file, then the default. Env: VMSVC_CONFIG. Default: none.",
            valueName: "file"))
    var config: String?

    /// Loads the file before any option is read (validation precedes `run`).
    func validate() throws {
        // Not `Environment.string`: that would look in the very file being found.
        let variable = ProcessInfo.processInfo.environment["VMSVC_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        guard let path = config ?? variable else { return }
        do {
            try ConfigFile.load(path)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Throws when the file sets something that is not a flag of `command`: a typo would
    /// otherwise leave the default in force without a word.
    static func rejectUnknownKeys(of command: any ParsableCommand.Type) throws {
        let unknown = ConfigFile.unknownKeys(for: command)
        guard unknown.isEmpty else {
            throw ValidationError(
                "not a flag of this command, in \(ConfigFile.path ?? "--config"): \(unknown.joined(separator: ", "))")
        }
    }
}
