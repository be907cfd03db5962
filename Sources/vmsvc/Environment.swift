import Foundation

/// Environment-variable equivalents of flags (a flag on the command line wins), so the same
/// binary can be configured by a Deployment's `env:` as well as its `args:`.
enum Environment {
    static func string(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The variable parsed as the flag would be; nil when unset or unparsable.
    static func value<Value: LosslessStringConvertible>(_ name: String) -> Value? {
        string(name).flatMap(Value.init)
    }
}
