import Foundation
import Testing

@testable import KubeClient

#if canImport(Glibc)
import Glibc
#endif

/// HTTP/2 over TLS against nghttpd (Debian's nghttp2-server), which logs every frame with
/// its connection id: concurrent requests must share one connection as multiplexed streams.
/// Skipped where nghttpd is not installed.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/nghttpd")))
struct HTTP2MultiplexingTests {
    @Test func concurrentRequestsShareOneHTTP2Connection() async throws {
        let fixture = try TLSFixture()
        try fixture.dir.write("www/index.html", "hello")
        let port = try TLSFixture.freePort()
        let log = "\(fixture.dir.path)/nghttpd.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let server = try SpawnedProcess(
            "/usr/sbin/nghttpd",
            [
                "-v", "-d", "\(fixture.dir.path)/www", "--address=127.0.0.1", "\(port)",
                "\(fixture.dir.path)/server.key", "\(fixture.dir.path)/server.crt",
            ],
            standardOutput: logHandle.fileDescriptor)
        try logHandle.close()
        defer {
            server.send(SIGKILL)
            _ = server.waitForExit()
        }
        try await Self.waitUntilListening(port)

        let cluster = ClusterConfig(
            server: "https://127.0.0.1:\(port)",
            tls: TLSSettings(certificateAuthorityPEM: try fixture.bytes("ca.crt"), serverName: "api.test"))
        let (configuration, baseURL) = CurlTransport.Configuration.forCluster(cluster)
        let transport = CurlTransport(configuration: configuration)
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    let response = try await transport.send(HTTPRequest(method: "GET", url: baseURL + "/index.html"))
                    return String(decoding: response.body, as: UTF8.self)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "hello", count: 30))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("The negotiated protocol: h2"))
        // Connections that carried requests (the readiness probe's carried none).
        let requestLines = text.split(separator: "\n").filter { $0.hasPrefix("[id=") && $0.contains("recv HEADERS") }
        #expect(requestLines.count == 30)
        #expect(Set(requestLines.compactMap { $0.split(separator: "]").first }).count == 1)
    }

    /// Connects until the server accepts: it prints nothing when it starts listening.
    static func waitUntilListening(_ port: Int) async throws {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if connected { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw POSIXError(.ECONNREFUSED)
    }
}
