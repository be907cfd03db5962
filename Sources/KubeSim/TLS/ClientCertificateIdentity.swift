import NIOCore
import NIOSSL

/// The user a connection's client certificate names (CN = user, O = groups, kube-apiserver's
/// convention), read once per connection. The certificate is there only when kube-sim asked
/// for one (`--client-ca`) and it chained to that CA: unverified ones fail the handshake.
struct ClientCertificateIdentity {
    private var read = false
    private var user: UserInfo?

    mutating func user(of context: ChannelHandlerContext) -> UserInfo? {
        if read { return user }
        read = true
        // No TLS handler in the pipeline (plain HTTP) means no certificate.
        if let certificate = try? context.pipeline.syncOperations.nioSSL_peerCertificate() {
            user = Self.user(of: certificate)
        }
        return user
    }

    static func user(of certificate: NIOSSLCertificate) -> UserInfo? {
        guard let der = try? certificate.toDERBytes(), let subject = CertificateSubject(der: der),
            let name = subject.commonName, !name.isEmpty
        else { return nil }
        return UserInfo(name: name, groups: subject.organizations).authenticated()
    }
}
