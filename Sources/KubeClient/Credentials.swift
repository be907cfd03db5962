import Foundation

/// How requests prove who we are, beyond a client certificate in `TLSSettings`.
/// `description` names the mode only, never the secret.
public enum Credentials: Sendable, CustomStringConvertible {
    case none
    case bearerToken(Redacted<String>)
    /// A token read from a file and re-read whenever the file changes (projected
    /// service-account tokens are rotated in place).
    case tokenFile(TokenFile)
    case basic(username: String, password: Redacted<String>)
    /// A client.authentication.k8s.io credential plugin.
    case exec(ExecCredentialProvider)

    public var description: String {
        switch self {
        case .none: "none"
        case .bearerToken: "bearer token"
        case .tokenFile(let file): "token file \(file.path)"
        case .basic(let username, _): "basic (\(username))"
        case .exec(let provider): "exec plugin \(provider.command)"
        }
    }

    /// What to attach to one request: an `Authorization` header and/or a client identity
    /// (exec plugins may hand out certificates).
    public struct Authorization: Sendable {
        public var header: Redacted<String>?
        public var identity: ClientIdentity?
    }

    func authorization() async throws -> Authorization {
        switch self {
        case .none:
            return Authorization()
        case .bearerToken(let token):
            return Authorization(header: Redacted("Bearer \(token.value)"))
        case .tokenFile(let file):
            return Authorization(header: Redacted("Bearer \(try file.read())"))
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password.value)".utf8).base64EncodedString()
            return Authorization(header: Redacted("Basic \(encoded)"))
        case .exec(let provider):
            let credential = try await provider.credential()
            return Authorization(
                header: credential.token.map { Redacted("Bearer \($0.value)") }, identity: credential.identity)
        }
    }

    /// Forgets any cached credential after a 401, so the next request fetches a fresh one.
    /// Returns whether a retry could succeed (the credential can change).
    func invalidate() async -> Bool {
        switch self {
        case .none, .bearerToken, .basic:
            return false
        case .tokenFile(let file):
            file.forget()
            return true
        case .exec(let provider):
            await provider.invalidate()
            return true
        }
    }
}
