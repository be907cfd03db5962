import Foundation
import KubeModel

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a client.authentication.k8s.io credential plugin (the kubeconfig `exec` stanza) and
/// caches what it prints until its `expirationTimestamp`, as kubectl does. Plugins are slow
/// (often a network round trip to an identity provider), so concurrent callers share one run.
public actor ExecCredentialProvider {
    public nonisolated let command: String
    private let arguments: [String]
    private let environment: [String: String]
    private let apiVersion: String
    private let installHint: String?
    private let now: @Sendable () -> Date
    private var cached: Credential?
    private var running: Task<Credential, any Error>?

    /// What a plugin hands back. `description` never shows the secrets.
    public struct Credential: Sendable, CustomStringConvertible {
        public var token: Redacted<String>?
        public var identity: ClientIdentity?
        public var expiration: Date?

        public var description: String {
            "ExecCredential(token: \(token == nil ? "none" : "<redacted>"), certificate: \(identity != nil), expires: \(expiration.map { "\($0)" } ?? "never"))"
        }
    }

    /// - Parameter command: a path, or a name looked up in `PATH`.
    public init(
        _ config: KubeConfig.ExecConfig, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.command = config.command
        self.arguments = config.args ?? []
        self.environment = Dictionary(
            (config.env ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        self.apiVersion = config.apiVersion ?? "client.authentication.k8s.io/v1"
        self.installHint = config.installHint
        self.now = now
    }

    /// The cached credential while it is valid, otherwise a fresh one from the plugin.
    public func credential() async throws -> Credential {
        if let cached, cached.expiration.map({ $0 > now() }) ?? true { return cached }
        if let running { return try await running.value }
        let task = Task { [command, arguments, environment, apiVersion, installHint] in
            try await Self.run(
                command: command, arguments: arguments, environment: environment, apiVersion: apiVersion,
                installHint: installHint)
        }
        running = task
        defer { running = nil }
        let credential = try await task.value
        cached = credential
        return credential
    }

    /// Forgets the cached credential (after a 401), so the next request runs the plugin.
    public func invalidate() {
        cached = nil
    }

    private static func run(
        command: String, arguments: [String], environment: [String: String], apiVersion: String,
        installHint: String?
    ) async throws -> Credential {
        let fail = { (reason: String) in KubeConfigError.execPluginFailed(command: command, reason: reason) }
        guard let executable = resolve(command) else {
            throw fail("not found in PATH" + (installHint.map { ". \($0)" } ?? ""))
        }
        var env = ProcessInfo.processInfo.environment.merging(environment) { _, plugin in plugin }
        env["KUBERNETES_EXEC_INFO"] =
            #"{"apiVersion":"\#(apiVersion)","kind":"ExecCredential","spec":{"interactive":false}}"#
        let (status, output) = try await runToCompletion(executable, arguments: arguments, environment: env)
        guard status == 0 else { throw fail("exited with status \(status)") }
        let document: ExecCredentialDocument
        do {
            document = try JSONDecoder().decode(ExecCredentialDocument.self, from: output)
        } catch {
            throw fail("output is not an ExecCredential: \(error)")
        }
        guard document.kind == "ExecCredential", let status = document.status else {
            throw fail("output is not an ExecCredential with a status")
        }
        var credential = Credential(token: status.token.map(Redacted.init))
        if let certificate = status.clientCertificateData, let key = status.clientKeyData {
            credential.identity = ClientIdentity(certificatePEM: Array(certificate.utf8), keyPEM: Array(key.utf8))
        }
        guard credential.token != nil || credential.identity != nil else {
            throw fail("ExecCredential has neither a token nor a client certificate and key")
        }
        if let expiration = status.expirationTimestamp {
            guard let time = Time(rfc3339: expiration) else {
                throw fail("status.expirationTimestamp is not RFC 3339")
            }
            credential.expiration = Date(timeIntervalSince1970: TimeInterval(time.secondsSince1970))
        }
        return credential
    }

    /// The plugin blocks until it exits; it runs on its own thread so that it does not hold
    /// one of the few cooperative threads. stderr is inherited, as kubectl does, so the
    /// plugin's own messages reach the operator.
    private static func runToCompletion(
        _ executable: String, arguments: [String], environment: [String: String]
    ) async throws -> (Int32, Data) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result { try run(executable, arguments: arguments, environment: environment) })
            }.start()
        }
    }

    private static func run(
        _ executable: String, arguments: [String], environment: [String: String]
    ) throws -> (Int32, Data) {
        // Close-on-exec, so that no other child started meanwhile holds the write end open
        // (and the read below waits for it); the plugin gets it as its stdout all the same.
        // (pipe2 is declared only for _GNU_SOURCE, which Swift's Glibc module lacks.)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw KubeConfigError.execPluginFailed(command: executable, reason: "cannot create a pipe: errno \(errno)")
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(readEnd) }
        let plugin: SpawnedProcess
        do {
            plugin = try SpawnedProcess(
                executable, arguments, environment: environment, standardOutput: writeEnd, standardError: 2)
        } catch {
            close(writeEnd)
            throw KubeConfigError.execPluginFailed(command: executable, reason: "cannot start: \(error)")
        }
        close(writeEnd)
        let output = FileHandle(fileDescriptor: readEnd, closeOnDealloc: false).readDataToEndOfFile()
        return (plugin.waitForExit(), output)
    }

    private static func resolve(_ command: String) -> String? {
        if command.contains("/") { return command }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(command)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// The JSON a credential plugin prints.
private struct ExecCredentialDocument: Decodable {
    var kind: String?
    var status: Status?

    struct Status: Decodable {
        var token: String?
        var clientCertificateData: String?
        var clientKeyData: String?
        var expirationTimestamp: String?
    }
}
