import Foundation
import KubeClient

#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PKI (CA, server certificate for `api.test` only, client certificate) made with
/// the openssl CLI, and `openssl s_server` requiring a client certificate: enough to check
/// that the transport verifies servers, presents identities and honours tls-server-name.
final class TLSFixture {
    let dir: TemporaryDirectory
    let port: Int
    private let server: SpawnedProcess

    init() throws {
        dir = try TemporaryDirectory()
        let p = dir.path
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try OpenSSL.run(["req", "-x509"] + key + ["-keyout", "\(p)/ca.key", "-out", "\(p)/ca.crt", "-subj", "/CN=test-ca", "-days", "1"])
        try dir.write("san.ext", "subjectAltName=DNS:api.test\n")
        for (name, cn) in [("server", "api.test"), ("client", "vmsvc-client")] {
            try OpenSSL.run(["req"] + key + ["-keyout", "\(p)/\(name).key", "-out", "\(p)/\(name).csr", "-subj", "/CN=\(cn)"])
            try OpenSSL.run(
                ["x509", "-req", "-in", "\(p)/\(name).csr", "-CA", "\(p)/ca.crt", "-CAkey", "\(p)/ca.key",
                 "-CAcreateserial", "-out", "\(p)/\(name).crt", "-days", "1"]
                    + (name == "server" ? ["-extfile", "\(p)/san.ext"] : []))
        }
        port = try Self.freePort()
        let output = Pipe()
        // stdbuf: a piped s_server would otherwise hold its ACCEPT line in a full buffer.
        server = try SpawnedProcess(
            "/usr/bin/stdbuf",
            [
                "-oL", "/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "\(p)/server.crt",
                "-key", "\(p)/server.key", "-CAfile", "\(p)/ca.crt", "-Verify", "1", "-www",
            ],
            standardOutput: output.fileHandleForWriting.fileDescriptor)
        try output.fileHandleForWriting.close()
        // s_server prints ACCEPT once it listens.
        var seen = ""
        while !seen.contains("ACCEPT") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw POSIXError(.ECONNREFUSED) }
            seen += String(decoding: data, as: UTF8.self)
        }
    }

    deinit {
        // s_server shrugs off SIGTERM while it waits in accept.
        server.send(SIGKILL)
        _ = server.waitForExit()
    }

    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/\(name)")))
    }

    /// A port the kernel just handed out (and that is free again).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
