import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for transport tests that need exact control of the
/// bytes on the wire (split chunks, stalls, injected statuses), which a real API server
/// cannot give. One thread per connection; keep-alive; requests recorded.
final class CannedHTTPServer: Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]  // lower-cased names
        var body: [UInt8]
    }

    enum Response: Sendable {
        case full(status: Int, headers: [(String, String)] = [], body: String = "")
        /// A chunked 200 whose body is written piece by piece, each flushed separately,
        /// then either closed or left open and silent (`hang`).
        case chunks([String], hang: Bool = false)
        /// A chunked 200 of exact bytes, not necessarily UTF-8; `cut` closes the connection
        /// after them without the final empty chunk, as a dropped connection would.
        case bytes([[UInt8]], cut: Bool = false)
    }

    let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Response
    private let recorded = Mutex<[Request]>([])
    private let accepted = Atomic<Int>(0)
    private let hangUps: AsyncStream<Void>.Continuation
    /// One element each time a client closes a connection left open by `chunks(hang: true)`.
    let hungUp: AsyncStream<Void>

    init(handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        (hungUp, hangUps) = AsyncStream.makeStream()
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        self.listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var requests: [Request] { recorded.withLock { $0 } }
    /// TCP connections accepted so far: tells whether connections were reused.
    var connections: Int { accepted.load(ordering: .relaxed) }

    /// Closes the listening socket; connection threads end when their clients hang up.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            accepted.add(1, ordering: .relaxed)
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, &buffer) {
            recorded.withLock { $0.append(request) }
            switch handler(request) {
            case .full(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) X\r\nContent-Length: \(body.utf8.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                guard write(fd, head + "\r\n" + body) else { return }
            case .chunks(let pieces, let hang):
                guard write(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                else { return }
                for piece in pieces where !piece.isEmpty {
                    guard write(fd, String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n") else { return }
                }
                if hang {
                    // Silent until the client gives up and closes.
                    var byte: UInt8 = 0
                    while read(fd, &byte, 1) > 0 {}
                    hangUps.yield()
                    return
                }
                guard write(fd, "0\r\n\r\n") else { return }
            case .bytes(let pieces, let cut):
                guard write(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                else { return }
                for piece in pieces where !piece.isEmpty {
                    let framed = Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
                    guard write(fd, framed) else { return }
                }
                if cut { return }
                guard write(fd, "0\r\n\r\n") else { return }
            }
        }
    }

    private func write(_ fd: Int32, _ text: String) -> Bool {
        write(fd, Array(text.utf8))
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> Request? {
        let separator = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while true {
            if let end = buffer.firstRange(of: separator)?.upperBound { headerEnd = end; break }
            guard fill(fd, &buffer) else { return nil }
        }
        guard let headerEnd else { return nil }
        let lines = String(decoding: buffer[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < headerEnd + length {
            guard fill(fd, &buffer) else { return nil }
        }
        let body = Array(buffer[headerEnd..<(headerEnd + length)])
        buffer.removeFirst(headerEnd + length)
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func fill(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &chunk, chunk.count)
        guard n > 0 else { return false }
        buffer += chunk[..<n]
        return true
    }
}
