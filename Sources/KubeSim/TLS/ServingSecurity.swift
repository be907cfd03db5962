import Foundation
import NIOSSL

/// Everything `KubeSim.start()` prepares from the TLS and authentication settings, checked
/// up front so that a missing file or an inconsistent combination fails the start, not the
/// first request.
struct ServingSecurity: Sendable {
    /// nil: plain HTTP.
    var tlsContext: NIOSSLContext?
    /// nil: no authentication, every request allowed.
    var accessControl: AccessControl?
    /// The PEM a client should trust, for the kubeconfig's `certificate-authority-data`.
    var certificateAuthorityPEM: [UInt8]?

    struct ConfigurationError: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ configuration: KubeSimConfiguration) throws -> ServingSecurity {
        var security = ServingSecurity()
        switch (configuration.tlsCertificatePath, configuration.tlsKeyPath) {
        case (let certificate?, let key?):
            security.tlsContext = try ServerTLS.context(
                certificatePath: certificate, keyPath: key, clientCAPath: configuration.clientCAPath)
            security.certificateAuthorityPEM = try ServerTLS.authorityForClients(
                certificatePath: certificate, caPath: configuration.tlsCAPath)
        case (nil, nil):
            if configuration.clientCAPath != nil {
                throw ConfigurationError(description: "client certificates (--client-ca) need TLS (--tls-cert, --tls-key)")
            }
        default:
            throw ConfigurationError(description: "--tls-cert and --tls-key go together")
        }
        var tokens: [String: UserInfo] = [:]
        if let path = configuration.tokenAuthFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(description: "token auth file \(path) cannot be read")
            }
            tokens = try StaticTokenFile.parse(String(decoding: data, as: UTF8.self))
        }
        if let token = configuration.bearerToken, !token.isEmpty { tokens[token] = .admin() }
        let authenticates = !tokens.isEmpty || configuration.clientCAPath != nil
        if let directory = configuration.rbacDirectory {
            guard authenticates else {
                throw ConfigurationError(
                    description: "RBAC (--rbac) needs authentication (--token, --token-auth-file or --client-ca)")
            }
            security.accessControl = AccessControl(
                authenticator: Authenticator(tokens: tokens), policy: try RBACManifests.load(directory: directory))
        } else if authenticates {
            security.accessControl = AccessControl(authenticator: Authenticator(tokens: tokens), policy: nil)
        }
        return security
    }
}
