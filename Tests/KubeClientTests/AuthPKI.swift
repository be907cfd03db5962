import Foundation

/// Certificates for kube-sim's TLS and client-certificate tests, made with the openssl CLI at
/// test time: a CA, a server certificate for 127.0.0.1 signed by it, a self-signed server
/// certificate, client certificates (CN = user, O = groups) from the CA, and one from a
/// second, untrusted CA.
final class AuthPKI {
    let dir: TemporaryDirectory
    private static let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    init() throws {
        dir = try TemporaryDirectory()
        try makeCA("ca")
        try makeCA("other-ca")
        try dir.write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
        try issue("server", subject: "/CN=kube-sim", by: "ca", extensions: "server.ext")
        try OpenSSL.run(
            ["req", "-x509"] + Self.ecKey + [
                "-keyout", path("self-signed.key"), "-out", path("self-signed.crt"), "-subj", "/CN=kube-sim",
                "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1",
            ])
    }

    func path(_ name: String) -> String { "\(dir.path)/\(name)" }

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// A client certificate `NAME.crt`/`NAME.key` for user `user` in `groups`, signed by `ca`.
    func client(_ name: String, user: String, groups: [String] = [], by ca: String = "ca") throws -> (certificate: [UInt8], key: [UInt8]) {
        let subject = groups.map { "/O=\($0)" }.joined() + "/CN=\(user)"
        try issue(name, subject: subject, by: ca, extensions: nil)
        return (try bytes("\(name).crt"), try bytes("\(name).key"))
    }

    private func makeCA(_ name: String) throws {
        try OpenSSL.run(
            ["req", "-x509"] + Self.ecKey + [
                "-keyout", path("\(name).key"), "-out", path("\(name).crt"), "-subj", "/CN=\(name)", "-days", "1",
            ])
    }

    private func issue(_ name: String, subject: String, by ca: String, extensions: String?) throws {
        try OpenSSL.run(["req"] + Self.ecKey + ["-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", subject])
        try OpenSSL.run(
            ["x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(ca).crt"), "-CAkey", path("\(ca).key"),
             "-CAcreateserial", "-out", path("\(name).crt"), "-days", "1"]
                + (extensions.map { ["-extfile", path($0)] } ?? []))
    }
}
