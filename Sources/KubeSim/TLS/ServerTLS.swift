import Foundation
import NIOSSL

/// kube-sim's HTTPS: the serving certificate, HTTP/1.1 by ALPN, and, with a client CA,
/// client certificates requested and verified against it.
enum ServerTLS {
    static func context(certificatePath: String, keyPath: String, clientCAPath: String?) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem)))
        configuration.applicationProtocols = ["http/1.1"]
        if let clientCAPath {
            // Requested, not required: a client without one can still use a token. One that
            // does not chain to the CA fails the handshake (kube-apiserver answers 401 then).
            configuration.certificateVerification = .optionalVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(clientCAPath))
            configuration.sendCANameList = true
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// What clients should trust: the CA file when given, else the serving certificate when
    /// it signed itself; nil when neither is known (clients then need their own trust).
    static func authorityForClients(certificatePath: String, caPath: String?) throws -> [UInt8]? {
        if let caPath { return try contents(caPath) }
        guard let leaf = try NIOSSLCertificate.fromPEMFile(certificatePath).first,
            let subject = CertificateSubject(der: try leaf.toDERBytes()), subject.isSelfIssued
        else { return nil }
        return try contents(certificatePath)
    }

    private static func contents(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServingSecurity.ConfigurationError(description: "\(path) cannot be read")
        }
        return Array(data)
    }
}
