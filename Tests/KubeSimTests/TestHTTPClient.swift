import Foundation
import KubeModel
import NIOCore
import NIOHTTP1
import NIOPosix

@testable import KubeSim

/// A minimal HTTP/1.1 client over SwiftNIO for talking to an in-process kube-sim: one
/// connection per request, whole responses, or watch streams decoded line by line.
struct TestHTTPClient: Sendable {
    let port: Int
    let group: MultiThreadedEventLoopGroup

    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)]
        var bytes: [UInt8]
        var json: JSONValue { (try? JSONReader.parse(bytes)) ?? .null }
        var text: String { String(decoding: bytes, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    private func connect() async throws -> (any Channel, AsyncStream<HTTPClientResponsePart>) {
        try await open { try $0.addHTTPClientHandlers() }
    }

    /// A new connection whose reads (after whatever `addHandlers` puts in the pipeline) come
    /// out of the stream.
    private func open<Part: Sendable>(
        _ addHandlers: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void = { _ in }
    ) async throws -> (any Channel, AsyncStream<Part>) {
        let (stream, continuation) = AsyncStream<Part>.makeStream()
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try addHandlers(channel.pipeline.syncOperations)
                    try channel.pipeline.syncOperations.addHandler(Forwarder(continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return (channel, stream)
    }

    /// Sends `bytes` as they are on a new connection and returns all the server writes back
    /// until it closes the connection.
    func raw(_ bytes: String) async throws -> String {
        let (channel, stream): (any Channel, AsyncStream<ByteBuffer>) = try await open()
        defer { channel.close(promise: nil) }
        try await channel.writeAndFlush(ByteBuffer(string: bytes)).get()
        var received = ""
        for await buffer in stream { received += String(buffer: buffer) }
        return received
    }

    private func send(
        _ channel: any Channel, method: HTTPMethod, path: String, body: [UInt8]?, headers extra: [(String, String)]
    ) async throws {
        write(channel, method: method, path: path, body: body, headers: extra)
        try await channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
    }

    /// Writes a request up to its end, unflushed.
    private func write(
        _ channel: any Channel, method: HTTPMethod, path: String, body: [UInt8]?, headers extra: [(String, String)]
    ) {
        var headers = HTTPHeaders([("Host", "127.0.0.1"), ("Accept", "application/json")])
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        if let body { headers.add(name: "Content-Length", value: String(body.count)) }
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
    }

    /// Sends every request on one connection in one flush, before reading any answer (HTTP/1.1
    /// pipelining), and returns the answers in the order they arrived.
    func pipelined(_ requests: [(method: HTTPMethod, path: String, json: JSONValue?)]) async throws -> [Response] {
        let (channel, stream) = try await connect()
        defer { channel.close(promise: nil) }
        for request in requests {
            let body = request.json.map { JSONWriter.bytes($0) }
            write(
                channel, method: request.method, path: request.path, body: body,
                headers: body == nil ? [] : [("Content-Type", "application/json")])
            channel.write(HTTPClientRequestPart.end(nil), promise: nil)
        }
        channel.flush()
        return await responses(requests.count, from: stream)
    }

    /// The next `count` whole responses on a connection (fewer if it closes first).
    private func responses(_ count: Int, from stream: AsyncStream<HTTPClientResponsePart>) async -> [Response] {
        var responses: [Response] = []
        var response = Response(status: 0, headers: [], bytes: [])
        for await part in stream {
            switch part {
            case .head(let head):
                response = Response(status: Int(head.status.code), headers: head.headers.map { ($0.name, $0.value) }, bytes: [])
            case .body(var buffer):
                response.bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                responses.append(response)
                if responses.count == count { return responses }
            }
        }
        return responses
    }

    func request(
        _ method: HTTPMethod, _ path: String, json: JSONValue? = nil, body: String? = nil,
        contentType: String = "application/json", headers: [(String, String)] = []
    ) async throws -> Response {
        let (channel, stream) = try await connect()
        defer { channel.close(promise: nil) }
        let payload = json.map { JSONWriter.bytes($0) } ?? body.map { Array($0.utf8) }
        let extra = payload == nil ? headers : [("Content-Type", contentType)] + headers
        try await send(channel, method: method, path: path, body: payload, headers: extra)
        return await responses(1, from: stream).first ?? Response(status: 0, headers: [], bytes: [])
    }

    /// Opens a watch; events arrive as parsed JSON lines until the server ends the stream.
    func watch(_ path: String, headers: [(String, String)] = []) async throws -> WatchStream {
        let (channel, stream) = try await connect()
        try await send(channel, method: .GET, path: path, body: nil, headers: headers)
        let (events, continuation) = AsyncStream<JSONValue>.makeStream()
        let reader = Task {
            var pending: [UInt8] = []
            for await part in stream {
                guard case .body(var buffer) = part else {
                    if case .end = part { break }
                    continue
                }
                pending += buffer.readBytes(length: buffer.readableBytes) ?? []
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = Array(pending[..<newline])
                    pending.removeFirst(newline + 1)
                    if let event = try? JSONReader.parse(line) { continuation.yield(event) }
                }
            }
            continuation.finish()
        }
        return WatchStream(channel: channel, events: events, reader: reader)
    }
}

/// An open watch.
struct WatchStream: Sendable {
    let channel: any Channel
    let events: AsyncStream<JSONValue>
    let reader: Task<Void, Never>

    /// The next event, or nil once the stream has ended.
    func next() async -> JSONValue? {
        var iterator = events.makeAsyncIterator()
        return await iterator.next()
    }

    /// Events until one satisfies `done` (inclusive); nil if the stream ends first.
    func collect(until done: (JSONValue) -> Bool) async -> [JSONValue]? {
        var seen: [JSONValue] = []
        for await event in events {
            seen.append(event)
            if done(event) { return seen }
        }
        return nil
    }

    func close() { channel.close(promise: nil) }
}

/// Forwards what a connection reads (response parts, or raw bytes) into an AsyncStream (the
/// handler stays on its event loop).
private final class Forwarder<Part: Sendable>: ChannelInboundHandler {
    typealias InboundIn = Part
    private let continuation: AsyncStream<Part>.Continuation

    init(_ continuation: AsyncStream<Part>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}
