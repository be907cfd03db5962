import Foundation
import Logging

/// Renders one log event as one line, with its metadata as key/value pairs.
///
/// Values under keys that name a secret (`token`, `password`, `secret`, `authorization`,
/// `credential`, `key` material such as `privateKey`) are replaced by `[redacted]`: a line
/// that reaches a log collector can never leak one, whoever wrote the log call.
struct LogLineRenderer: Sendable {
    var format: LogFormat

    func render(
        time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        let timestamp = Self.timestamp(time)
        switch format {
        case .text:
            var line = "\(timestamp) \(level) \(label): \(message)"
            for key in metadata.keys.sorted() {
                line += " \(key)=\(Self.quotedIfNeeded(Self.text(Self.redacted(key, metadata[key]))))"
            }
            return line
        case .json:
            var object: [String: JSONText] = [
                "time": .string(timestamp), "level": .string(level.rawValue), "logger": .string(label),
                "msg": .string(message),
            ]
            for (key, value) in metadata where object[key] == nil {
                object[key] = Self.json(Self.redacted(key, value))
            }
            return JSONText.object(object).rendered
        }
    }

    private static let secretWords = ["token", "password", "secret", "authorization", "credential", "privatekey"]

    static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        return secretWords.contains { lower.contains($0) }
    }

    private static func redacted(_ key: String, _ value: Logger.MetadataValue?) -> Logger.MetadataValue {
        isSecret(key) ? "[redacted]" : value ?? ""
    }

    private static func text(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
        case .dictionary(let members):
            "{" + members.keys.sorted().map { "\($0)=\(text(redacted($0, members[$0])))" }.joined(separator: ",") + "}"
        }
    }

    private static func json(_ value: Logger.MetadataValue) -> JSONText {
        switch value {
        case .string(let string): .string(string)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let items): .array(items.map(json))
        case .dictionary(let members):
            .object(
                members.mapValues(json).merging(
                    members.keys.filter(isSecret).map { ($0, JSONText.string("[redacted]")) }
                ) { $1 })
        }
    }

    /// Values with spaces, quotes or `=` are quoted so a line splits back into its pairs.
    private static func quotedIfNeeded(_ text: String) -> String {
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return text
        }
        return JSONText.string(text).rendered
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp(_ time: Date) -> String {
        time.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt))
    }
}

/// Just enough JSON to write a log line (strings, arrays, objects), encoded by Foundation
/// with sorted keys so equal events give equal lines.
enum JSONText: Sendable, Encodable {
    case string(String)
    case array([JSONText])
    case object([String: JSONText])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }

    var rendered: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
