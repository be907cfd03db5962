import Logging

/// What the effective-configuration log line may show. Today no setting holds a secret (the
/// kubeconfig is named by path, credentials by kind only, CURVE keys by directory); this is
/// the guard for the day one does: a setting whose name says it is secret is never printed.
enum ConfigurationRedaction {
    static let marker = "<redacted>"
    private static let secretWords = ["token", "secret", "password", "privatekey", "secretkey"]

    static func redacted(_ configuration: Logger.Metadata) -> Logger.Metadata {
        configuration.reduce(into: [:]) { result, entry in
            let name = entry.key.lowercased()
            result[entry.key] = secretWords.contains { name.contains($0) } ? .string(marker) : entry.value
        }
    }
}
