import Foundation
import KubeModel
import KubeSim

@testable import KubeClient

/// kube-sim serving HTTPS with an `AuthPKI` certificate on a free port, with the
/// authentication and RBAC settings a test asks for, and clients that trust it.
struct AuthSim {
    let sim: KubeSim
    let pki: AuthPKI

    /// `tokens`: the token auth file's CSV; `rbac`: one manifest file for `--rbac`.
    static func with<T>(
        _ pki: AuthPKI, token: String? = nil, tokens: String? = nil, clientCA: Bool = false, rbac: String? = nil,
        certificate: String = "server", tlsCA: String? = "ca.crt", _ body: (AuthSim) async throws -> T
    ) async throws -> T {
        if let tokens { try pki.dir.write("tokens.csv", tokens) }
        if let rbac { try pki.dir.write("rbac/rbac.yaml", rbac) }
        let sim = KubeSim(
            configuration: KubeSimConfiguration(
                threads: 1, tlsCertificatePath: pki.path("\(certificate).crt"), tlsKeyPath: pki.path("\(certificate).key"),
                tlsCAPath: tlsCA.map(pki.path), bearerToken: token, tokenAuthFile: tokens == nil ? nil : pki.path("tokens.csv"),
                clientCAPath: clientCA ? pki.path("ca.crt") : nil, rbacDirectory: rbac == nil ? nil : pki.path("rbac")))
        try await sim.start()
        do {
            let result = try await body(AuthSim(sim: sim, pki: pki))
            try await sim.stop()
            return result
        } catch {
            try? await sim.stop()
            throw error
        }
    }

    /// A client trusting the PKI's CA, without retries so that failures surface at once.
    func client(_ credentials: Credentials = .none, identity: ClientIdentity? = nil) throws -> KubeClient {
        let tls = TLSSettings(certificateAuthorityPEM: try pki.bytes("ca.crt"), clientIdentity: identity)
        return KubeClient(
            config: ClusterConfig(server: sim.url, tls: tls, credentials: credentials),
            options: KubeClient.Options(qps: 0, retry: .none))
    }

    func client(token: String) throws -> KubeClient {
        try client(.bearerToken(Redacted(token)))
    }

    /// The Status of the `KubeAPIError` an operation throws, when it is `.unauthorized`.
    static func unauthorized(_ operation: () async throws -> some Any) async -> Status? {
        do {
            _ = try await operation()
        } catch KubeAPIError.unauthorized(let status) {
            return status
        } catch {}
        return nil
    }

    /// The Status of the `KubeAPIError` an operation throws, when it is `.forbidden`.
    static func forbidden(_ operation: () async throws -> some Any) async -> Status? {
        do {
            _ = try await operation()
        } catch KubeAPIError.forbidden(let status) {
            return status
        } catch {}
        return nil
    }
}
