import ArgumentParser
import Foundation
import Synchronization
import Yams

/// The `--config FILE` of a process: a YAML mapping from long flag names (without the
/// dashes) to values, e.g.
///
///     leader-elect: true
///     batch-period: 50ms
///     kube-api-qps: 200
///
/// Every option reads it through `Environment`, which maps a variable to its flag's key
/// (`VMSVC_BATCH_PERIOD` → `batch-period`, `LB_PROVIDER` → `lb-provider`), so one place
/// knows the precedence and no option needs a third source of its own.
///
/// Loaded once, while the arguments are validated and before any option is read; process-wide
/// because the options read it from computed properties, which take no context.
enum ConfigFile {
    private struct Loaded {
        var path: String
        var values: [String: String]
    }

    private static let state = Mutex<Loaded?>(nil)

    enum LoadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        case notAMapping(String)
        case notAScalar(String, key: String)

        var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read config file \(path): \(reason)"
            case .notAMapping(let path): "config file \(path) must be a YAML mapping of flag names to values"
            case .notAScalar(let path, let key): "config file \(path): \(key) must be a single value"
            }
        }
    }

    /// Reads and keeps `path`; throws on an unreadable file or anything but a flat mapping.
    static func load(_ path: String) throws {
        let values = try parse(path: path)
        state.withLock { $0 = Loaded(path: path, values: values) }
    }

    static func parse(path: String) throws -> [String: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadError.unreadable(path, "\(error.localizedDescription)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw LoadError.unreadable(path, "\(error)")
        }
        guard let node else { return [:] }
        guard let mapping = node.mapping else { throw LoadError.notAMapping(path) }
        var values: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw LoadError.notAMapping(path) }
            guard let scalar = value.scalar else { throw LoadError.notAScalar(path, key: name) }
            // YAML booleans in any spelling (`True`, `yes`) become what the flags parse.
            values[name] = Bool.construct(from: scalar).map { $0 ? "true" : "false" } ?? scalar.string
        }
        return values
    }

    /// The config-file key of an environment variable: `VMSVC_KUBE_API_QPS` → `kube-api-qps`.
    static func key(forVariable name: String) -> String {
        let flag = name.hasPrefix("VMSVC_") ? name.dropFirst("VMSVC_".count) : Substring(name)
        return flag.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    static func value(forVariable name: String) -> String? {
        let key = key(forVariable: name)
        return state.withLock { loaded -> String? in
            guard let value = loaded?.values[key], !value.isEmpty else { return nil }
            return value
        }
    }

    /// The loaded file's path, if any.
    static var path: String? { state.withLock { $0?.path } }

    /// Keys of the file that are not flags of `command` (typos, or another command's flags),
    /// read off the command's own help so the list cannot fall out of step with the flags.
    static func unknownKeys(for command: any ParsableCommand.Type) -> [String] {
        state.withLock { loaded in
            guard let loaded else { return [] }
            let help = VMSvc.helpMessage(for: command, columns: 10_000)
            let flags = Set(help.matches(of: /--([a-z0-9][a-z0-9-]*)/).map { String($0.1) })
            return loaded.values.keys.filter { !flags.contains($0) }.sorted()
        }
    }
}
