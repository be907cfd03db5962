/// Decides who a request comes from, like kube-apiserver's authenticator chain: a verified
/// client certificate first, then a bearer token. A presented but unknown token fails the
/// request (401) even where anonymous access would be allowed, as it does in kube-apiserver.
struct Authenticator: Sendable {
    enum Outcome: Equatable {
        case authenticated(UserInfo)
        /// No credentials at all.
        case anonymous
        /// Credentials that prove nothing.
        case rejected
    }

    /// Bearer token → user (`--token`, `--token-auth-file`).
    var tokens: [String: UserInfo]

    func authenticate(_ request: APIRequest) -> Outcome {
        if let user = request.clientCertificateUser { return .authenticated(user) }
        guard let header = request.headers["authorization"] else { return .anonymous }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        // Other schemes (Basic) are not understood: the request is anonymous, as in kube-apiserver.
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .anonymous }
        let token = parts[1].trimmingCharacters(in: " ")
        guard !token.isEmpty else { return .anonymous }
        guard let user = tokens[token] else { return .rejected }
        return .authenticated(user)
    }
}
