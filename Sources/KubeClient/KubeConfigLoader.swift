import Foundation
import Yams

/// Finds, reads, merges and resolves kubeconfig files the way kubectl does:
/// an explicit `--kubeconfig` path, else every file in `KUBECONFIG` (`:`-separated, merged,
/// first definition wins, missing files skipped), else `~/.kube/config`. Relative paths in a
/// file are relative to that file's directory.
public struct KubeConfigLoader: Sendable {
    /// The `--kubeconfig` flag; when set, nothing else is consulted and the file must exist.
    public var explicitPath: String?
    public var environment: [String: String]
    public var homeDirectory: String

    public init(
        explicitPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory()
    ) {
        self.explicitPath = explicitPath
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    /// The files to read, in priority order. Empty when none exists.
    public func configFiles() throws -> [String] {
        if let explicitPath {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw KubeConfigError.fileNotFound(path: explicitPath)
            }
            return [explicitPath]
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init)
                .filter { !$0.isEmpty && seen.insert($0).inserted && FileManager.default.fileExists(atPath: $0) }
        }
        let home = "\(homeDirectory)/.kube/config"
        return FileManager.default.fileExists(atPath: home) ? [home] : []
    }

    /// Every file merged into one document.
    public func mergedConfig() throws -> (config: KubeConfig, files: [String]) {
        let files = try configFiles()
        let merged = try files.reduce(KubeConfig()) { merged, file in merged.merging(try Self.read(file)) }
        return (merged, files)
    }

    /// The cluster, user and namespace of `context` (or of `current-context`).
    public func load(context: String? = nil) throws -> ClusterConfig {
        let (config, files) = try mergedConfig()
        guard !files.isEmpty else {
            throw KubeConfigError.noConfiguration(
                searched: environment["KUBECONFIG"].map { [$0] } ?? ["\(homeDirectory)/.kube/config"])
        }
        return try Self.resolve(config, context: context, files: files)
    }

    /// Reads one file; relative paths in it become absolute, and each entry remembers its file.
    public static func read(_ path: String) throws -> KubeConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError.unreadable(path: path, reason: "permission denied or not a file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses the text of the file at `path` (which relative paths are resolved against).
    public static func parse(_ text: String, path: String) throws -> KubeConfig {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return KubeConfig() }
        var config: KubeConfig
        do {
            config = try YAMLDecoder().decode(KubeConfig.self, from: text)
        } catch let error as DecodingError {
            let (field, reason) = Self.describe(error)
            throw KubeConfigError.malformed(path: path, field: field, reason: reason)
        } catch {
            throw KubeConfigError.malformed(path: path, field: "", reason: "not valid YAML: \(error)")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        func absolute(_ p: String?) -> String? {
            guard let p, !p.isEmpty else { return nil }
            return p.hasPrefix("/") ? p : "\(directory)/\(p)"
        }
        for i in config.clusters.indices {
            config.clusters[i].file = path
            config.clusters[i].body.certificateAuthority = absolute(config.clusters[i].body.certificateAuthority)
        }
        for i in config.users.indices {
            config.users[i].file = path
            var user = config.users[i].body
            user.tokenFile = absolute(user.tokenFile)
            user.clientCertificate = absolute(user.clientCertificate)
            user.clientKey = absolute(user.clientKey)
            // A command with a slash is a path relative to the file; a bare name is looked up in PATH.
            if let command = user.exec?.command, command.contains("/") {
                user.exec?.command = absolute(command) ?? command
            }
            config.users[i].body = user
        }
        for i in config.contexts.indices { config.contexts[i].file = path }
        return config
    }

    /// Turns a context of a (merged) config into connection settings.
    public static func resolve(_ config: KubeConfig, context: String?, files: [String]) throws -> ClusterConfig {
        guard let contextName = context ?? config.currentContext, !contextName.isEmpty else {
            throw KubeConfigError.noCurrentContext(files: files)
        }
        guard let namedContext = config.contexts.first(where: { $0.name == contextName }) else {
            throw KubeConfigError.contextNotFound(name: contextName, files: files)
        }
        let contextField = "contexts[\(contextName)].context"
        guard let clusterName = namedContext.body.cluster, !clusterName.isEmpty else {
            throw KubeConfigError.missingField(path: namedContext.file, field: "\(contextField).cluster")
        }
        guard let cluster = config.clusters.first(where: { $0.name == clusterName }) else {
            throw KubeConfigError.clusterNotFound(name: clusterName, context: contextName, files: files)
        }
        let user: KubeConfig.Named<KubeConfig.User>?
        if let userName = namedContext.body.user, !userName.isEmpty {
            guard let found = config.users.first(where: { $0.name == userName }) else {
                throw KubeConfigError.userNotFound(name: userName, context: contextName, files: files)
            }
            user = found
        } else {
            user = nil
        }
        let clusterField = "clusters[\(clusterName)].cluster"
        guard let server = cluster.body.server, !server.isEmpty else {
            throw KubeConfigError.missingField(path: cluster.file, field: "\(clusterField).server")
        }
        var tls = TLSSettings(
            certificateAuthorityPEM: try material(
                inline: cluster.body.certificateAuthorityData, file: cluster.body.certificateAuthority,
                field: "\(clusterField).certificate-authority", in: cluster.file),
            insecureSkipVerify: cluster.body.insecureSkipTLSVerify ?? false,
            serverName: cluster.body.tlsServerName.flatMap { $0.isEmpty ? nil : $0 })
        var credentials = Credentials.none
        if let user {
            let u = user.body
            let userField = "users[\(user.name)].user"
            let certificate = try material(
                inline: u.clientCertificateData, file: u.clientCertificate,
                field: "\(userField).client-certificate", in: user.file)
            let key = try material(
                inline: u.clientKeyData?.value, file: u.clientKey, field: "\(userField).client-key", in: user.file)
            switch (certificate, key) {
            case (let certificate?, let key?):
                tls.clientIdentity = ClientIdentity(certificatePEM: certificate, keyPEM: key)
            case (.some, nil):
                throw KubeConfigError.missingField(path: user.file, field: "\(userField).client-key")
            case (nil, .some):
                throw KubeConfigError.missingField(path: user.file, field: "\(userField).client-certificate")
            case (nil, nil):
                break
            }
            if let exec = u.exec {
                credentials = .exec(ExecCredentialProvider(exec))
            } else if let token = u.token, !token.value.isEmpty {
                credentials = .bearerToken(token)
            } else if let tokenFile = u.tokenFile {
                credentials = .tokenFile(TokenFile(path: tokenFile))
            } else if let username = u.username, let password = u.password {
                credentials = .basic(username: username, password: password)
            }
        }
        let namespace = namedContext.body.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ClusterConfig(
            server: server, tls: tls, proxyURL: cluster.body.proxyURL.flatMap { $0.isEmpty ? nil : $0 },
            credentials: credentials, namespace: namespace,
            origin: "kubeconfig \(files.joined(separator: ":")), context \(contextName)")
    }

    /// `*-data` (base64, wins) or the file named by the plain field.
    private static func material(inline: String?, file: String?, field: String, in path: String) throws -> [UInt8]? {
        if let inline, !inline.isEmpty {
            guard let data = Data(base64Encoded: inline, options: .ignoreUnknownCharacters) else {
                throw KubeConfigError.malformed(path: path, field: "\(field)-data", reason: "not valid base64")
            }
            return Array(data)
        }
        guard let file else { return nil }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw KubeConfigError.unreadable(path: file, reason: "named by \(field) in \(path)")
        }
        return Array(data)
    }

    /// The field path (`users[0].user.token`) and a short reason for a decoding failure.
    private static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { path, key in
                if let index = key.intValue { return "\(path)[\(index)]" }
                return path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)"
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(type)")
        case .valueNotFound(_, let context):
            return (path(context.codingPath), "value missing")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "required but missing")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }
}
