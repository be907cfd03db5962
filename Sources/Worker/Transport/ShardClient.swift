import Foundation
import Logging
import ShardProtocol
import ShardTransport
import Synchronization
import ZeroMQ

/// A worker's end of the shard transport: a dedicated thread owning a DEALER connected to
/// the coordinator.
///
/// It says Hello (worker id, protocol version, capacity), heartbeats every interval, and
/// turns the coordinator's frames into `WorkerInput`s on `inputs` — in order, with snapshot
/// chunks assembled, stale and duplicate frames dropped, and a ResyncRequest sent by itself
/// when a sequence gap shows frames were lost. Acks and resync requests from the engine go
/// back through `send(_:)`, RevokeAcks through `acknowledgeRevoke`.
///
/// When nothing arrives from the coordinator for `heartbeatLiveness` intervals it is taken
/// for dead: every owned namespace is revoked on `inputs` (the engine stops writing), the
/// socket is rebuilt and Hello is sent again, so a restarted or failed-over coordinator
/// starts this worker over from fresh snapshots.
public final class ShardClient: Sendable {
    public let config: ShardClientConfig
    public let inputs: AsyncStream<WorkerInput>
    private let inputSink: AsyncStream<WorkerInput>.Continuation
    private let context: ZMQContext
    private let codec: ShardCodec
    private let outbox: SocketOutbox
    private let state = Mutex(ShardClientCounters())
    /// Where to connect; changed by `follow(endpoint:)` when another coordinator leads.
    private let endpoint: Mutex<String>
    private let started = Mutex(false)
    private let lease: Mutex<OwnershipLease>
    private let logger: Logger

    public init(config: ShardClientConfig) throws {
        if case .curve = config.security { try ShardSecurityError.requireCurve() }
        self.config = config
        context = try config.context ?? ZMQContext()
        codec = ShardCodec(maxFrameBytes: config.maxFrameBytes)
        outbox = try SocketOutbox(context: context)
        endpoint = Mutex(config.endpoint)
        // One interval short of the coordinator's liveness window: writes stop before the
        // coordinator can have given the namespaces to someone else.
        lease = Mutex(OwnershipLease(validity: config.heartbeatInterval * max(1, config.heartbeatLiveness - 1)))
        var logger = config.logger
        logger[metadataKey: "worker"] = "\(config.workerID)"
        self.logger = logger
        (inputs, inputSink) = AsyncStream.makeStream()
    }

    /// Starts the socket thread (once; later calls do nothing).
    public func start() {
        guard started.withLock({ value in defer { value = true }; return !value }) else { return }
        SocketThread.start(name: "vmsvc-shard-dealer") { self.serve() }
    }

    /// Stops the thread; `inputs` ends.
    public func shutdown() {
        outbox.close()
    }

    public var counters: ShardClientCounters { state.withLock { $0 } }

    /// Whether the engine may write what it was assigned (see `OwnershipLease`): the
    /// engine's `WorkerConfiguration.ownershipConfirmed`.
    public var ownershipConfirmed: Bool { lease.withLock { $0.isConfirmed(now: .now) } }

    /// The engine has stopped writing `namespace` (a revoke was handled).
    func revokeHandled(namespace: String, epoch: UInt64) {
        lease.withLock { $0.revokeHandled(namespace, epoch: epoch) }
    }

    /// Connects to `newEndpoint` from now on (the leader's, read from its Lease after a
    /// failover): the current connection is dropped as if the coordinator had died.
    public func follow(endpoint newEndpoint: String) {
        let changed = endpoint.withLock { current in
            defer { current = newEndpoint }
            return current != newEndpoint
        }
        if changed { outbox.wake() }
    }

    /// An engine output: an Ack (which also returns credit) or a ResyncRequest.
    public func send(_ output: WorkerOutput) {
        switch output {
        case .ack(let namespace, let epoch, let sequence):
            var ack = ShardAck()
            ack.namespace = namespace
            ack.epoch = epoch
            ack.sequence = sequence
            post(.ack(ack))
        case .resyncNeeded(let namespace, let epoch):
            var request = ShardResyncRequest()
            request.namespace = namespace
            request.epoch = epoch
            request.reason = .sequenceGap
            post(.resyncRequest(request))
        }
    }

    /// Tells the coordinator that the engine has stopped writing `namespace`.
    public func acknowledgeRevoke(namespace: String, epoch: UInt64) {
        post(.revokeAck(ClientSession.revokeAck(namespace, epoch)))
    }

    private func post(_ body: ShardEnvelope.OneOf_Body) {
        outbox.post(encoded(body))
    }

    // MARK: The socket thread

    private func serve() {
        defer { inputSink.finish() }
        var session = ClientSession()
        do {
            let wake = try outbox.makeWakeSocket(context: context)
            defer { wake.close() }
            while try connection(wake: wake, session: &session) {
                let released = session.releaseAll()
                lease.withLock { $0.released(released) }
                released.forEach { inputSink.yield($0) }
                state.withLock { $0.reconnects += 1 }
            }
        } catch {
            logger.error("shard transport stopped", metadata: ["error": "\(error)"])
        }
    }

    /// One connection to the coordinator. Returns true when the coordinator went silent and
    /// a new connection should be made, false when the client was shut down.
    private func connection(wake: ZMQSocket, session: inout ClientSession) throws(ZMQError) -> Bool {
        let target = endpoint.withLock { $0 }
        let dealer = try context.socket(.dealer)
        defer { dealer.close() }
        try dealer.set(.routingID, to: Array(config.workerID.utf8))
        try config.security.configure(dealer)
        try dealer.connect(target)
        var poller = ZMQPoller()
        poller.register(dealer, for: .readable)
        poller.register(wake, for: .readable)
        var outbound = encoded(.hello(hello))
        let deadAfter = config.heartbeatInterval * config.heartbeatLiveness
        var lastHeard = ContinuousClock.now
        var nextBeat = lastHeard + config.heartbeatInterval
        while true {
            let wakeAt = outbound.isEmpty ? min(nextBeat, lastHeard + deadAfter) : .now + .milliseconds(5)
            let events = try poller.poll(timeout: .after(max(.zero, wakeAt - .now)))
            // Checked before reading: after a pause (SIGSTOP) the frames queued meanwhile are
            // old news, and the coordinator has already moved this worker's namespaces.
            if ContinuousClock.now - lastHeard > deadAfter {
                logger.warning("coordinator silent; reconnecting", metadata: ["endpoint": "\(target)"])
                return true
            }
            if events[0].contains(.readable) {
                lastHeard = .now
                lease.withLock { $0.heard(at: lastHeard) }
                outbound += try receiveAll(from: dealer, session: &session)
            }
            let (posted, closed) = outbox.take(from: wake)
            if closed { return false }
            if endpoint.withLock({ $0 != target }) {
                logger.info("following the coordinator to a new endpoint", metadata: ["endpoint": "\(endpoint.withLock { $0 })"])
                return true
            }
            outbound += posted
            let now = ContinuousClock.now
            if now >= nextBeat {
                outbound += encoded(.heartbeat(ShardHeartbeat()))
                nextBeat = now + config.heartbeatInterval
            }
            while let message = outbound.first, try dealer.trySend(message) { outbound.removeFirst() }
        }
    }

    /// The one-frame message for `body`; none (and a log line) if it cannot be encoded.
    private func encoded(_ body: ShardEnvelope.OneOf_Body) -> [[[UInt8]]] {
        do {
            return [[try codec.encode(body)]]
        } catch {
            logger.error("cannot encode frame", metadata: ["kind": "\(body.kind)", "error": "\(error)"])
            return []
        }
    }

    private var hello: ShardHello {
        var hello = ShardHello()
        hello.workerID = config.workerID
        hello.protocolVersion = ShardCodec.currentVersion
        hello.capacity.maxNamespaces = config.maxNamespaces
        hello.capacity.maxInFlight = config.maxInFlight
        hello.pid = ProcessInfo.processInfo.processIdentifier
        return hello
    }

    /// Handles what has arrived; returns the replies the protocol requires.
    private func receiveAll(from dealer: ZMQSocket, session: inout ClientSession) throws(ZMQError) -> [[[UInt8]]] {
        var replies: [[[UInt8]]] = []
        for _ in 0..<1024 {
            guard let frames = try dealer.tryReceive() else { break }
            let envelope: ShardEnvelope
            do throws(ShardCodecError) {
                guard frames.count == 1 else { throw ShardCodecError.undecodable(reason: "\(frames.count) frames") }
                envelope = try codec.decode(frames[0])
            } catch {
                logger.warning("dropping frame", metadata: ["reason": "\(error)"])
                state.withLock { $0.rejectedFrames[error.counterLabel, default: 0] += 1 }
                continue
            }
            let reaction = session.receive(envelope)
            for input in reaction.inputs { inputSink.yield(input) }
            for reply in reaction.replies { replies += encoded(reply) }
        }
        let sessionCounters = session.counters
        state.withLock { counters in
            counters.droppedFrames = sessionCounters.droppedFrames
            counters.sequenceGaps = sessionCounters.sequenceGaps
            counters.undecodableObjects = sessionCounters.undecodableObjects
            counters.coordinatorChanges = sessionCounters.coordinatorChanges
            counters.rejectedFrames.merge(sessionCounters.rejectedFrames) { max($0, $1) }
        }
        return replies
    }
}
