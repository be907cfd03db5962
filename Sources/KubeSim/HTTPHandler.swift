import KubeModel
import NIOCore
import NIOHTTP1

/// One HTTP/1.1 connection: collects each request, answers it through `APIServer`, keeps
/// the connection alive, and streams watches as chunked responses. Answers are written as
/// bytes (`HTTPResponseBytes`); requests are answered in order, and those that arrive while
/// a watch streams wait for it to end, as Go's server reads the next request only then.
final class HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private struct Waiting {
        var request: APIRequest
        var keepAlive: Bool
        var version: HTTPVersion
    }

    private let server: APIServer
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The watch this connection is streaming, to unregister when the client goes.
    private var watchID: Int?
    /// Whether a watch's answer is being streamed; requests read meanwhile wait in `waiting`.
    private var streaming = false
    private var waiting: [Waiting] = []
    /// Set once the connection is to be closed (an answer said so, or a request was bad):
    /// nothing more is read from it.
    private var closing = false
    private var clientCertificate = ClientCertificateIdentity()
    /// When the last answer held back by injected latency goes out: later answers on this
    /// connection never overtake it, whatever their own jitter.
    private var heldUntil = NIODeadline.uptimeNanoseconds(0)

    init(server: APIServer) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
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
            let keepAlive = requestHead.isKeepAlive
            if streaming {
                waiting.append(Waiting(request: request, keepAlive: keepAlive, version: requestHead.version))
            } else {
                respond(to: request, keepAlive: keepAlive, version: requestHead.version, context: context)
            }
        }
    }

    /// A request that cannot be parsed is answered 400 (after the answers before it) and the
    /// connection closed, as NIO's `HTTPServerProtocolErrorHandler` did and Go's server does.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !closing else { return }
        closing = true
        let channel = context.channel
        guard !streaming else {
            channel.close(promise: nil)
            return
        }
        after(heldUntil, context: context) {
            context.writeAndFlush(self.wrapOutboundOut(HTTPResponseBytes.badRequest(allocator: channel.allocator)))
                .whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// The watch streamed on this connection ended: the requests that came meanwhile are
    /// answered now, in order.
    private func streamEnded(context: ChannelHandlerContext) {
        streaming = false
        watchID = nil
        if closing {
            // The watch was asked for with `Connection: close`.
            context.close(promise: nil)
            return
        }
        while !streaming, !closing, !waiting.isEmpty {
            let next = waiting.removeFirst()
            respond(to: next.request, keepAlive: next.keepAlive, version: next.version, context: context)
        }
        context.flush()
    }

    private func respond(to request: APIRequest, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
        // After an answer that closes the connection, nothing more is handled.
        if !keepAlive { closing = true }
        let response = server.handle(request)
        switch response {
        case .body:
            // Injected latency holds the answer back; answers on the connection stay in order.
            let delay = server.faults.withLock { $0.delayMilliseconds(forMethod: request.method) }
            heldUntil = max(NIODeadline.now() + .milliseconds(Int64(delay)), heldUntil)
        case .watch:
            // Not delayed itself, but streamed after the answers before it; the requests
            // after it wait for its end.
            streaming = true
        }
        after(heldUntil, context: context) {
            self.write(response, keepAlive: keepAlive, version: version, context: context)
        }
    }

    /// Runs `body` now, or at `deadline` if that is later; then it flushes itself, as it
    /// goes out after the read that carried its request has completed.
    private func after(_ deadline: NIODeadline, context: ChannelHandlerContext, _ body: @escaping () -> Void) {
        guard deadline > NIODeadline.now() else { return body() }
        context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            body()
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
            let answer = HTTPResponseBytes.answer(
                status: status, contentType: contentType, body: bytes, extraHeaders: extra, keepAlive: keepAlive,
                version: version, allocator: context.channel.allocator)
            guard !keepAlive else {
                context.write(wrapOutboundOut(answer), promise: nil)
                return
            }
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(answer)).whenComplete { _ in channel.close(promise: nil) }
        case .watch(let timeout, let start):
            startWatch(timeout: timeout, start: start, version: version, context: context)
        }
    }

    private func startWatch(
        timeout: Int, start: @Sendable (any WatchSink) -> Int?, version: HTTPVersion, context: ChannelHandlerContext
    ) {
        context.writeAndFlush(
            wrapOutboundOut(HTTPResponseBytes.streamHead(version: version, allocator: context.channel.allocator)),
            promise: nil)
        let server = self.server
        let loop = context.eventLoop
        let ended = NIOLoopBoundBox<Int?>(nil, eventLoop: loop)
        let flushInterval = TimeAmount.microseconds(Int64(server.configuration.watchFlushIntervalMicroseconds))
        let flushQueue = server.watchFlushQueues.queue(for: loop)
        let connection = NIOLoopBound((handler: self, context: context), eventLoop: loop)
        let sink = ChannelWatchSink(channel: context.channel, flushQueue: flushQueue, flushInterval: flushInterval) {
            if let id = ended.value { server.stopWatch(id) }
            connection.value.handler.streamEnded(context: connection.value.context)
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
