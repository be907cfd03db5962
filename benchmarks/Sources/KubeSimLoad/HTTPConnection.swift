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
    /// Bytes read past the end of the last response (the next one's start).
    private var buffer: [UInt8] = []

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
        let (status, headers) = try readHead()
        guard let length = Self.contentLength(headers) else {
            throw Failure.malformed("no Content-Length (HTTP \(status))")
        }
        try fill(atLeast: length)
        let responseBody = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Response(status: status, body: responseBody)
    }

    /// Sends a watch request and waits for the server's answer. Returns the socket, now only
    /// to be read, and the stream bytes that arrived with the answer; the connection keeps
    /// the socket open until it is released.
    func openStream(_ path: String) throws -> (fd: Int32, received: [UInt8]) {
        try send([Request(method: "GET", path: path)])
        let (status, _) = try readHead()
        guard status == 200 else { throw Failure.malformed("watch answered \(status)") }
        defer { buffer = [] }
        return (fd, buffer)
    }

    private func readHead() throws -> (status: Int, headers: [UInt8]) {
        let end: Int = try {
            while true {
                if let index = Self.find([13, 10, 13, 10], in: buffer) { return index }
                try readMore()
            }
        }()
        let headers = Array(buffer[..<end])
        buffer.removeFirst(end + 4)
        // "HTTP/1.1 200 OK"
        guard headers.count >= 12, let status = Int(String(decoding: headers[9..<12], as: UTF8.self)) else {
            throw Failure.malformed("bad status line")
        }
        return (status, headers)
    }

    private func fill(atLeast count: Int) throws {
        while buffer.count < count { try readMore() }
    }

    private func readMore() throws {
        let before = buffer.count
        // Appends in place: no zero-filled scratch array per read.
        var n = 0
        buffer.append(contentsOf: repeatElement(0, count: 65_536))
        buffer.withUnsafeMutableBytes { n = read(fd, $0.baseAddress! + before, 65_536) }
        buffer.removeLast(65_536 - max(n, 0))
        guard n > 0 else { throw Failure.closed }
    }

    private static func contentLength(_ headers: [UInt8]) -> Int? {
        let text = String(decoding: headers, as: UTF8.self).lowercased()
        guard let range = text.range(of: "\r\ncontent-length:") else { return nil }
        let digits = text[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
        return Int(digits)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
