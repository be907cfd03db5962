/// A kubeconfig document as written on disk (`apiVersion: v1, kind: Config`), the fields
/// this client honours. Several files merge into one (see `merging(_:)`); resolving a context
/// into something to connect with is `KubeConfigLoader`'s job.
public struct KubeConfig: Sendable, Hashable, Decodable {
    public var currentContext: String?
    public var clusters: [Named<Cluster>]
    public var users: [Named<User>]
    public var contexts: [Named<Context>]

    public init(
        currentContext: String? = nil, clusters: [Named<Cluster>] = [], users: [Named<User>] = [],
        contexts: [Named<Context>] = []
    ) {
        self.currentContext = currentContext
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
    }

    enum CodingKeys: String, CodingKey {
        case currentContext = "current-context"
        case clusters, users, contexts
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        currentContext = try c.decodeIfPresent(String.self, forKey: .currentContext)
        clusters = try c.decodeIfPresent([Named<Cluster>].self, forKey: .clusters) ?? []
        users = try c.decodeIfPresent([Named<User>].self, forKey: .users) ?? []
        contexts = try c.decodeIfPresent([Named<Context>].self, forKey: .contexts) ?? []
    }

    /// `self` merged with a file that comes later in `KUBECONFIG`: as kubectl does, the first
    /// file to set `current-context` or to define a name wins; later files only add.
    public func merging(_ later: KubeConfig) -> KubeConfig {
        func union<T>(_ first: [Named<T>], _ second: [Named<T>]) -> [Named<T>] {
            let known = Set(first.map(\.name))
            return first + second.filter { !known.contains($0.name) }
        }
        return KubeConfig(
            currentContext: currentContext.flatMap { $0.isEmpty ? nil : $0 } ?? later.currentContext,
            clusters: union(clusters, later.clusters),
            users: union(users, later.users),
            contexts: union(contexts, later.contexts))
    }

    /// A `name` plus its body, the shape of every kubeconfig list entry.
    public struct Named<Body: Sendable & Hashable & Decodable>: Sendable, Hashable, Decodable {
        public var name: String
        public var body: Body
        /// The kubeconfig file this entry came from: relative paths in it are relative to
        /// that file, and errors name it.
        public var file: String = ""

        public init(name: String, body: Body, file: String = "") {
            self.name = name
            self.body = body
            self.file = file
        }

        enum CodingKeys: String, CodingKey { case name, cluster, user, context }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            let key: CodingKeys =
                switch Body.self {
                case is Cluster.Type: .cluster
                case is User.Type: .user
                default: .context
                }
            body = try c.decode(Body.self, forKey: key)
        }
    }

    public struct Cluster: Sendable, Hashable, Decodable {
        public var server: String?
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?
        public var tlsServerName: String?
        public var proxyURL: String?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    /// `users[].user` (an AuthInfo). Secret fields are `Redacted` so a config never leaks
    /// through logging or `dump`.
    public struct User: Sendable, Hashable, Decodable {
        public var token: Redacted<String>?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: Redacted<String>?
        public var username: String?
        public var password: Redacted<String>?
        public var exec: ExecConfig?

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, username, password, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            token = try c.decodeIfPresent(String.self, forKey: .token).map(Redacted.init)
            tokenFile = try c.decodeIfPresent(String.self, forKey: .tokenFile)
            clientCertificate = try c.decodeIfPresent(String.self, forKey: .clientCertificate)
            clientCertificateData = try c.decodeIfPresent(String.self, forKey: .clientCertificateData)
            clientKey = try c.decodeIfPresent(String.self, forKey: .clientKey)
            clientKeyData = try c.decodeIfPresent(String.self, forKey: .clientKeyData).map(Redacted.init)
            username = try c.decodeIfPresent(String.self, forKey: .username)
            password = try c.decodeIfPresent(String.self, forKey: .password).map(Redacted.init)
            exec = try c.decodeIfPresent(ExecConfig.self, forKey: .exec)
        }
    }

    /// `users[].user.exec`: a credential plugin (client.authentication.k8s.io).
    public struct ExecConfig: Sendable, Hashable, Decodable {
        public var apiVersion: String?
        public var command: String
        public var args: [String]?
        public var env: [EnvVar]?
        public var installHint: String?

        public init(
            apiVersion: String? = "client.authentication.k8s.io/v1", command: String, args: [String]? = nil,
            env: [EnvVar]? = nil, installHint: String? = nil
        ) {
            self.apiVersion = apiVersion
            self.command = command
            self.args = args
            self.env = env
            self.installHint = installHint
        }

        public struct EnvVar: Sendable, Hashable, Decodable {
            public var name: String
            public var value: String

            public init(name: String, value: String) {
                self.name = name
                self.value = value
            }
        }
    }

    public struct Context: Sendable, Hashable, Decodable {
        public var cluster: String?
        public var user: String?
        public var namespace: String?
    }
}
