import Foundation

/// Environment-variable equivalents of flags (a flag on the command line wins), so the same
/// binary can be configured by a Deployment's `env:` as well as its `args:`. A variable that
/// is unset falls back to the `--config` file's key of the same flag (`ConfigFile`), so the
/// order is: flag, environment, config file, default.
enum Environment {
    static func string(_ name: String) -> String? {
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        return ConfigFile.value(forVariable: name)
    }

    /// The variable parsed as the flag would be; nil when unset or unparsable.
    static func value<Value: LosslessStringConvertible>(_ name: String) -> Value? {
        string(name).flatMap(Value.init)
    }
}
