/// Everything needed to talk to one API server, resolved from a kubeconfig context or from
/// the pod's service account: where, how to trust it, and who we are.
public struct ClusterConfig: Sendable, CustomStringConvertible {
    /// Base URL without a trailing slash, e.g. `https://10.0.0.1:6443`.
    public var server: String
    public var tls: TLSSettings
    public var proxyURL: String?
    public var credentials: Credentials
    /// The namespace of the context (or of the pod's service account); `default` otherwise.
    public var namespace: String
    /// Where this came from (`kubeconfig /home/me/.kube/config, context kind-dev`), for logs.
    public var origin: String

    public init(
        server: String, tls: TLSSettings = TLSSettings(), proxyURL: String? = nil,
        credentials: Credentials = .none, namespace: String = "default", origin: String = "explicit"
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.tls = tls
        self.proxyURL = proxyURL
        self.credentials = credentials
        self.namespace = namespace
        self.origin = origin
    }

    public var description: String {
        "\(server) (\(origin), auth: \(credentials), namespace: \(namespace)\(tls.insecureSkipVerify ? ", TLS verification off" : ""))"
    }
}

/// How the server is trusted and how we prove ourselves at the TLS layer.
public struct TLSSettings: Sendable, Hashable {
    /// PEM bundle to trust instead of the system store.
    public var certificateAuthorityPEM: [UInt8]?
    public var insecureSkipVerify: Bool
    /// The name to send in SNI and to verify the certificate against, when it differs from
    /// the host in `server`.
    public var serverName: String?
    public var clientIdentity: ClientIdentity?

    public init(
        certificateAuthorityPEM: [UInt8]? = nil, insecureSkipVerify: Bool = false, serverName: String? = nil,
        clientIdentity: ClientIdentity? = nil
    ) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
        self.clientIdentity = clientIdentity
    }
}

/// A client certificate and its private key, both PEM.
public struct ClientIdentity: Sendable, Hashable {
    public var certificatePEM: [UInt8]
    public var keyPEM: Redacted<[UInt8]>

    public init(certificatePEM: [UInt8], keyPEM: [UInt8]) {
        self.certificatePEM = certificatePEM
        self.keyPEM = Redacted(keyPEM)
    }
}
