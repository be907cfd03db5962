import Logging
import ShardProtocol
import ShardTransport
import Synchronization
import ZeroMQ

/// The coordinator's end of the shard transport: a dedicated thread owning a ROUTER socket.
///
/// Async code sends through `send(to:_:)` (queued in a `SocketOutbox`, which wakes the
/// thread) and reads what workers sent from `inbound`. The thread decodes every frame with
/// `ShardCodec`; a frame that is not a valid Envelope of a supported version becomes a
/// `.rejected` item (the coordinator logs and counts it) and never stops the loop.
///
/// ROUTER_HANDOVER lets a worker that reconnects under its id (a new socket after its
/// coordinator went silent, or a restarted process with a fixed `--worker-id`) take the id
/// over from its old connection, which the ROUTER may not yet know is dead; without it the
/// new connection would be refused and the worker unreachable until the old one times out.
/// What the old connection still delivers arrives under an id libzmq makes up (a zero
/// byte first, which no worker id can have) and is dropped as `.superseded`.
///
/// ROUTER_MANDATORY makes a send to a worker that is not connected fail instead of vanishing
/// silently, so the coordinator hears about it (`.unreachable`). A worker whose pipe is full
/// keeps its messages queued here, in order, until it drains; credits (see `ShardMap`) keep
/// that queue short.
public final class ShardServer: Sendable {
    public enum Inbound: Sendable {
        case envelope(worker: String, ShardEnvelope)
        case rejected(worker: String, ShardCodecError)
        /// A message to `worker` could not be delivered: it is not connected.
        case unreachable(worker: String)
        /// Frames still queued on a connection that a reconnecting worker took over
        /// (ROUTER_HANDOVER): they belong to the worker's previous session.
        case superseded
        /// The ZAP handler refused a CURVE handshake, or the socket monitor saw a handshake
        /// fail (a peer without CURVE at a CURVE server).
        case peerRefused(ZAPHandler.Rejection)
    }

    public let inbound: AsyncStream<Inbound>
    private let inboundContinuation: AsyncStream<Inbound>.Continuation
    private let context: ZMQContext
    private let listen: String
    private let codec: ShardCodec
    private let outbox: SocketOutbox
    private let logger: Logger
    private let started = Mutex(false)
    /// When the socket thread last received a frame from each worker. Liveness is judged
    /// by this rather than by when the coordinator got round to a frame: an overloaded
    /// coordinator with heartbeats waiting in `inbound` must not declare its workers dead
    /// and add a reassignment storm to its backlog.
    private let lastReceived = Mutex<[String: ContinuousClock.Instant]>([:])
    private let security: ShardServerSecurity
    private let authentication: ZAPHandler?

    public init(
        context: ZMQContext, listen: String, codec: ShardCodec, logger: Logger, security: ShardServerSecurity = .plain
    ) throws {
        self.context = context
        self.listen = listen
        self.codec = codec
        self.logger = logger
        self.security = security
        self.outbox = try SocketOutbox(context: context)
        let (inbound, continuation) = AsyncStream<Inbound>.makeStream()
        (self.inbound, inboundContinuation) = (inbound, continuation)
        if case .curve(_, let allowed) = security {
            try ShardSecurityError.requireCurve()
            authentication = try ZAPHandler(context: context, allowed: allowed) { continuation.yield(.peerRefused($0)) }
        } else {
            authentication = nil
        }
    }

    /// Replaces the allowed worker keys (a rotated Secret); no effect without CURVE.
    public func replaceAllowedKeys(_ keys: Set<CurveKey>) {
        authentication?.replaceAllowed(keys)
    }

    /// Starts the socket thread and returns the bound endpoint (with the chosen port for
    /// `tcp://host:*`) once the ROUTER listens.
    public func start() async throws -> String {
        guard started.withLock({ value in defer { value = true }; return !value }) else {
            throw ZMQError(code: 114)  // EALREADY
        }
        // The handler must be bound before the ROUTER accepts a connection (see ZAPHandler).
        try await authentication?.start()
        return try await withCheckedThrowingContinuation { (ready: CheckedContinuation<String, any Error>) in
            SocketThread.start(name: "vmsvc-shard-router") { self.serve(ready: ready) }
        }
    }

    /// Queues `body` for `worker`; false when it cannot be encoded or the server stopped.
    @discardableResult
    public func send(to worker: String, _ body: ShardEnvelope.OneOf_Body) -> Bool {
        do {
            return send(to: worker, payload: try codec.encode(body))
        } catch {
            logger.error("cannot encode frame", metadata: ["worker": "\(worker)", "kind": "\(body.kind)", "error": "\(error)"])
            return false
        }
    }

    /// Queues an already encoded Envelope for `worker`.
    @discardableResult
    public func send(to worker: String, payload: [UInt8]) -> Bool {
        outbox.post([Array(worker.utf8), payload])
    }

    /// When a frame from `worker` last reached the socket, whether or not it was handled yet.
    public func lastReceived(from worker: String) -> ContinuousClock.Instant? {
        lastReceived.withLock { $0[worker] }
    }

    /// Drops the receipt times of workers that are gone, so that a long-lived coordinator
    /// does not keep one per worker process it ever met (ids default to HOST-PID).
    public func forgetReceipts(of workers: [String]) {
        lastReceived.withLock { times in for worker in workers { times[worker] = nil } }
    }

    /// Stops the thread; the ROUTER is closed and `inbound` ends.
    public func stop() {
        outbox.close()
        authentication?.stop()
    }

    // MARK: The socket thread

    private func serve(ready: CheckedContinuation<String, any Error>) {
        defer { inboundContinuation.finish() }
        let router: ZMQSocket
        let wake: ZMQSocket
        let monitor: ZMQSocket
        do {
            router = try context.socket(.router)
            try router.set(.routerMandatory, to: true)
            try router.set(.routerHandover, to: true)
            if case .curve(let server, _) = security {
                try router.set(.curveServer, to: true)
                try router.set(.curveSecretKey, to: server.secretKey)
                try router.set(.zapDomain, to: "vmsvc-shard")
            }
            // Before bind, so that no early handshake goes unseen.
            monitor = try router.monitor(
                .handshakeFailedProtocol, on: "inproc://vmsvc-shard-monitor-\(ObjectIdentifier(self).hashValue)",
                context: context)
            try router.bind(listen)
            wake = try outbox.makeWakeSocket(context: context)
            ready.resume(returning: try router.get(.lastEndpoint))
        } catch {
            ready.resume(throwing: error)
            return
        }
        defer {
            router.close()
            wake.close()
            monitor.close()
        }
        var poller = ZMQPoller()
        poller.register(router, for: .readable)
        poller.register(wake, for: .readable)
        poller.register(monitor, for: .readable)
        var queue = RouterQueue()
        do {
            while true {
                // A worker with a full pipe is retried soon; otherwise only frames wake us.
                let events = try poller.poll(timeout: queue.isEmpty ? .forever : .after(.milliseconds(5)))
                if events[0].contains(.readable) { try receiveAll(from: router) }
                if events[2].contains(.readable) { try receiveFailedHandshakes(from: monitor) }
                let (messages, closed) = outbox.take(from: wake)
                if closed { return }
                queue.append(messages)
                for worker in try queue.flush(through: router) {
                    inboundContinuation.yield(.unreachable(worker: worker))
                }
            }
        } catch {
            logger.error("shard router stopped", metadata: ["error": "\(error)"])
        }
    }

    /// Drains what has arrived, a bounded number at a time so sends are not starved.
    private func receiveAll(from router: ZMQSocket) throws(ZMQError) {
        for _ in 0..<1024 {
            guard let frames = try router.tryReceive() else { return }
            guard frames.first?.first != 0 else {
                inboundContinuation.yield(.superseded)
                continue
            }
            let worker = String(decoding: frames.first ?? [], as: UTF8.self)
            lastReceived.withLock { $0[worker] = .now }
            guard frames.count == 2 else {
                reject(.undecodable(reason: "expected 2 frames, got \(frames.count)"), from: worker)
                continue
            }
            do {
                inboundContinuation.yield(.envelope(worker: worker, try codec.decode(frames[1])))
            } catch {
                reject(error, from: worker)
            }
        }
    }

    /// Peers whose handshake failed never reach the ZAP handler (a plain worker at a CURVE
    /// coordinator fails on the mechanism): refused all the same, counted and logged.
    private func receiveFailedHandshakes(from monitor: ZMQSocket) throws(ZMQError) {
        while let frames = try monitor.tryReceive() {
            guard let event = ZMQMonitorEvent(frames: frames), event.kind == .handshakeFailedProtocol else { continue }
            let reason: ZAPHandler.RejectionReason =
                event.protocolError == .mechanismMismatch ? .badMechanism : .protocolError
            inboundContinuation.yield(.peerRefused(ZAPHandler.Rejection(address: event.host, reason: reason)))
        }
    }

    /// The coordinator counts and logs it (once).
    private func reject(_ error: ShardCodecError, from worker: String) {
        inboundContinuation.yield(.rejected(worker: worker, error))
    }
}
