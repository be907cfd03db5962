import NIOCore
import NIOHTTP1

/// The bytes of kube-sim's HTTP/1.1 answers, written straight into the buffer that goes to
/// the socket.
///
/// Why not NIO's `HTTPResponseEncoder`: an answer went through it and the pipelining and
/// error handlers as three parts (head, body, end), each wrapped, cast and passed on, and its
/// head was built as a header list first; that was a tenth of a write's CPU. kube-sim's
/// answers are few and fixed in shape, so one buffer per answer, one `write`.
enum HTTPResponseBytes {
    /// A whole answer: status line, headers (`Content-Length` included) and body.
    static func answer(
        status: Int, contentType: String, body: [UInt8], extraHeaders: [(String, String)], keepAlive: Bool,
        version: HTTPVersion, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: body.count + 160)
        writeStatusLine(status, version: version, into: &buffer)
        writeHeader("Content-Type", contentType, into: &buffer)
        writeHeader("Content-Length", String(body.count), into: &buffer)
        writeHeader("Cache-Control", "no-cache, private", into: &buffer)
        for (name, value) in extraHeaders { writeHeader(name, value, into: &buffer) }
        if !keepAlive { writeHeader("Connection", "close", into: &buffer) }
        buffer.writeStaticString("\r\n")
        buffer.writeBytes(body)
        return buffer
    }

    /// The head of a streamed (chunked) answer, for a watch.
    static func streamHead(version: HTTPVersion, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 128)
        writeStatusLine(200, version: version, into: &buffer)
        writeHeader("Content-Type", "application/json", into: &buffer)
        writeHeader("Transfer-Encoding", "chunked", into: &buffer)
        writeHeader("Cache-Control", "no-cache, private", into: &buffer)
        buffer.writeStaticString("\r\n")
        return buffer
    }

    /// One chunk of a streamed answer around `byteCount` bytes that `writeData` writes.
    static func chunk(
        byteCount: Int, allocator: ByteBufferAllocator, _ writeData: (inout ByteBuffer) -> Void
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: byteCount + 16)
        buffer.writeString(String(byteCount, radix: 16))
        buffer.writeStaticString("\r\n")
        writeData(&buffer)
        buffer.writeStaticString("\r\n")
        return buffer
    }

    /// The chunk that ends a streamed answer.
    static func lastChunk(allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 5)
        buffer.writeStaticString("0\r\n\r\n")
        return buffer
    }

    /// What `HTTPServerProtocolErrorHandler` answers to a request that cannot be parsed.
    static func badRequest(allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 80)
        buffer.writeStaticString("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        return buffer
    }

    private static func writeStatusLine(_ status: Int, version: HTTPVersion, into buffer: inout ByteBuffer) {
        // The answers to nearly every request, spelled out once.
        if version == .http1_1 {
            switch status {
            case 200: buffer.writeStaticString("HTTP/1.1 200 OK\r\n"); return
            case 201: buffer.writeStaticString("HTTP/1.1 201 Created\r\n"); return
            default: break
            }
        }
        buffer.writeStaticString("HTTP/")
        buffer.writeString(String(version.major))
        buffer.writeStaticString(".")
        buffer.writeString(String(version.minor))
        buffer.writeStaticString(" ")
        buffer.writeString(String(status))
        buffer.writeStaticString(" ")
        buffer.writeString(HTTPResponseStatus(statusCode: status).reasonPhrase)
        buffer.writeStaticString("\r\n")
    }

    private static func writeHeader(_ name: String, _ value: String, into buffer: inout ByteBuffer) {
        buffer.writeString(name)
        buffer.writeStaticString(": ")
        buffer.writeString(value)
        buffer.writeStaticString("\r\n")
    }
}
