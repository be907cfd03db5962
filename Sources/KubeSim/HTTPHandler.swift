import KubeModel
import NIOCore
import NIOHTTP1

/// One HTTP/1.1 connection: collects each request, answers it through `APIServer`, keeps
/// the connection alive, and streams watches as chunked responses.
final class HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: APIServer
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The watch this connection is streaming, to unregister when the client goes.
    private var watchID: Int?
    private var clientCertificate = ClientCertificateIdentity()
    /// When the last answer held back by injected latency goes out: later answers on this
    /// connection never overtake it, whatever their own jitter.
    private var heldUntil = NIODeadline.uptimeNanoseconds(0)

    init(server: APIServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
        case .body(var buffer):
            if let bytes = buffer.readBytes(length: buffer.readableBytes) { body.append(contentsOf: bytes) }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            var request = APIRequest(
                method: requestHead.method.rawValue, uri: requestHead.uri,
                headers: requestHead.headers.map { ($0.name, $0.value) }, body: body)
            body = []
            request.clientCertificateUser = clientCertificate.user(of: context)
            respond(to: request, keepAlive: requestHead.isKeepAlive, version: requestHead.version, context: context)
        }
    }

    private func respond(to request: APIRequest, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
        let response = server.handle(request)
        let delay = server.faults.withLock { $0.delayMilliseconds(forMethod: request.method) }
        let now = NIODeadline.now()
        let due = max(now + .milliseconds(Int64(delay)), heldUntil)
        guard due > now, case .body = response else {
            write(response, keepAlive: keepAlive, version: version, context: context)
            return
        }
        // Injected latency: the answer is held back; answers on the connection stay in order.
        // It goes out after this read has completed, so it flushes itself.
        heldUntil = due
        context.eventLoop.assumeIsolated().scheduleTask(deadline: due) {
            self.write(response, keepAlive: keepAlive, version: version, context: context)
            context.flush()
        }
    }

    /// Answers are written as their requests complete and flushed once the read that carried
    /// them has been handled: a client that pipelines requests gets its answers in one send.
    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        context.fireChannelReadComplete()
    }

    private func write(_ response: APIResponse, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
        switch response {
        case .body(let status, let contentType, let bytes, let extra):
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: String(bytes.count))
            headers.add(name: "Cache-Control", value: "no-cache, private")
            for (name, value) in extra { headers.add(name: name, value: value) }
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            let responseHead = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
            guard !keepAlive else {
                context.write(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            let done = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
            let channel = context.channel
            done.futureResult.whenComplete { _ in channel.close(promise: nil) }
        case .watch(let timeout, let start):
            startWatch(timeout: timeout, start: start, version: version, context: context)
        }
    }

    private func startWatch(
        timeout: Int, start: @Sendable (any WatchSink) -> Int?, version: HTTPVersion, context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Transfer-Encoding", value: "chunked")
        headers.add(name: "Cache-Control", value: "no-cache, private")
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .ok, headers: headers))), promise: nil)
        let server = self.server
        let loop = context.eventLoop
        let ended = NIOLoopBoundBox<Int?>(nil, eventLoop: loop)
        let flushInterval = TimeAmount.microseconds(Int64(server.configuration.watchFlushIntervalMicroseconds))
        let flushQueue = server.watchFlushQueues.queue(for: loop)
        let sink = ChannelWatchSink(channel: context.channel, flushQueue: flushQueue, flushInterval: flushInterval) {
            if let id = ended.value { server.stopWatch(id) }
        }
        guard let id = start(sink) else { return }
        watchID = id
        ended.value = id
        let timer = loop.scheduleTask(in: .seconds(Int64(max(1, timeout)))) {
            server.stopWatch(id)
            sink.finish()
        }
        context.channel.closeFuture.whenComplete { _ in
            timer.cancel()
            server.stopWatch(id)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let watchID { server.stopWatch(watchID) }
        watchID = nil
        context.fireChannelInactive()
    }
}
