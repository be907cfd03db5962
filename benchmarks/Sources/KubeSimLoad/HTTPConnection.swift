#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking HTTP/1.1 keep-alive connection over one TCP socket, just enough to drive
/// kube-sim: the generator must cost far less than the server it measures, so there is no
/// event loop, no header map and no body decoding here.
final class HTTPConnection {
    struct Response {
        var status: Int
        var body: [UInt8]
    }

    enum Failure: Error, CustomStringConvertible {
        case connect(String)
        case closed
        case malformed(String)

        var description: String {
            switch self {
            case .connect(let why): "cannot connect: \(why)"
            case .closed: "connection closed by the server"
            case .malformed(let why): "malformed response: \(why)"
            }
        }
    }

    private let fd: Int32
    private let host: String
    /// Bytes read and not yet consumed start at `start`: responses are consumed by moving
    /// it, not by shifting what follows (with 32 pipelined answers in the buffer, shifting
    /// cost the generator more than parsing).
    private var buffer: [UInt8] = []
    private var start = 0

    init(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &info) == 0, let first = info else {
            throw Failure.connect("cannot resolve \(host)")
        }
        defer { freeaddrinfo(info) }
        fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure.connect("socket: errno \(errno)") }
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw Failure.connect("connect: errno \(code)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        self.host = host
    }

    deinit { close(fd) }

    struct Request {
        var method: String
        var path: String
        var contentType: String? = nil
        var body: [UInt8] = []
    }

    /// Sends one request and reads its (Content-Length framed) response.
    func request(_ method: String, _ path: String, contentType: String? = nil, body: [UInt8] = []) throws -> Response {
        try send([Request(method: method, path: path, contentType: contentType, body: body)])
        return try receive()
    }

    /// Sends requests in one write, without waiting for answers (HTTP/1.1 pipelining): the
    /// server answers them in order, one `receive()` each.
    func send(_ requests: [Request]) throws {
        var bytes: [UInt8] = []
        for request in requests {
            var head = "\(request.method) \(request.path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: kube-sim-load\r\nAccept: application/json\r\n"
            if let contentType = request.contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Length: \(request.body.count)\r\n\r\n"
            bytes.append(contentsOf: head.utf8)
            bytes.append(contentsOf: request.body)
        }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure.closed }
            sent += n
        }
    }

    /// Reads the next (Content-Length framed) response.
    func receive() throws -> Response {
        let (status, length) = try readHead()
        guard let length else { throw Failure.malformed("no Content-Length (HTTP \(status))") }
        try fill(atLeast: length)
        let responseBody = Array(buffer[start..<start + length])
        start += length
        return Response(status: status, body: responseBody)
    }

    /// Sends a watch request and waits for the server's answer. Returns the socket, now only
    /// to be read, and the stream bytes that arrived with the answer; the connection keeps
    /// the socket open until it is released.
    func openStream(_ path: String) throws -> (fd: Int32, received: [UInt8]) {
        try send([Request(method: "GET", path: path)])
        let (status, _) = try readHead()
        guard status == 200 else { throw Failure.malformed("watch answered \(status)") }
        defer {
            buffer = []
            start = 0
        }
        return (fd, Array(buffer[start...]))
    }

    /// The status and Content-Length of the next response's head, which it consumes.
    private func readHead() throws -> (status: Int, contentLength: Int?) {
        let end = try nextHeadEnd()
        let head = buffer[start..<end]
        start = end + 4
        // "HTTP/1.1 200 OK"
        guard head.count >= 12, let status = Self.decimal(head[(head.startIndex + 9)..<(head.startIndex + 12)]) else {
            throw Failure.malformed("bad status line")
        }
        return (status, Self.contentLength(head))
    }

    /// Where the head that starts at `start` ends, reading until it has.
    private func nextHeadEnd() throws -> Int {
        while true {
            if let end = Self.headEnd(in: buffer, from: start) { return end }
            try readMore()
        }
    }

    private func fill(atLeast count: Int) throws {
        while buffer.count - start < count { try readMore() }
    }

    private func readMore() throws {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let before = buffer.count
        // Appends in place: no zero-filled scratch array per read.
        var n = 0
        buffer.append(contentsOf: repeatElement(0, count: 65_536))
        buffer.withUnsafeMutableBytes { n = read(fd, $0.baseAddress! + before, 65_536) }
        buffer.removeLast(65_536 - max(n, 0))
        guard n > 0 else { throw Failure.closed }
    }

    /// The value of the head's Content-Length header (matched without regard to case).
    private static func contentLength(_ head: ArraySlice<UInt8>) -> Int? {
        let name = Array("\r\ncontent-length:".utf8)
        var index = head.startIndex
        while index + name.count <= head.endIndex {
            if zip(head[index..<(index + name.count)], name).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                var digits = index + name.count
                while digits < head.endIndex, head[digits] == UInt8(ascii: " ") { digits += 1 }
                var end = digits
                while end < head.endIndex, head[end] >= UInt8(ascii: "0"), head[end] <= UInt8(ascii: "9") { end += 1 }
                return decimal(head[digits..<end])
            }
            index += 1
        }
        return nil
    }

    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// Where the first CR LF CR LF at or after `from` starts.
    private static func headEnd(in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, raw.count - from >= 4 else { return nil }
            var offset = from
            while offset + 4 <= raw.count,
                let found = memchr(base + offset, 13, raw.count - offset - 3)
            {
                let index = base.distance(to: UnsafeRawPointer(found))
                if raw[index + 1] == 10, raw[index + 2] == 13, raw[index + 3] == 10 { return index }
                offset = index + 1
            }
            return nil
        }
    }
}
