import Foundation
import ShardProtocol
import ShardTransport

/// What workers send: Hello, heartbeats, acknowledgements and resync requests.
extension Coordinator {
    func receive(_ item: ShardServer.Inbound) {
        switch item {
        case .rejected(let worker, let error):
            reject(from: worker, reason: error.counterLabel, detail: "\(error)")
        case .peerRefused(let rejection):
            refuse(rejection)
        case .superseded:
            counters.supersededFrames += 1
            logger.debug("dropping a frame of a connection its worker replaced")
        case .unreachable(let worker):
            counters.unreachableSends += 1
            logger.info("worker not connected; its messages were dropped", metadata: ["worker": "\(worker)"])
        case .envelope(let worker, let envelope):
            guard let body = envelope.body else { return }
            if case .hello(let hello) = body { return greet(worker, hello) }
            guard map.heard(from: worker, now: .now) else {
                counters.unknownWorkerFrames += 1
                // Expected in bursts after a worker was declared dead (its frames in flight):
                // counted, and logged one by one only when debugging.
                logger.debug("frame from a worker without a session", metadata: ["worker": "\(worker)", "kind": "\(body.kind)"])
                return
            }
            handle(body, from: worker)
        }
    }

    private func handle(_ body: ShardEnvelope.OneOf_Body, from worker: String) {
        switch body {
        case .heartbeat, .stats, .hello:
            break
        case .ack(let ack):
            guard map.acknowledged(ack.namespace, epoch: ack.epoch, sequence: ack.sequence, from: worker) else {
                return stale(from: worker, kind: body.kind)
            }
            flushAll(of: worker)
            resumeCreditWaiters()
        case .revokeAck(let revokeAck):
            for entry in revokeAck.namespaces {
                guard map.revokeAcknowledged(entry.namespace, epoch: entry.epoch, from: worker) else {
                    stale(from: worker, kind: body.kind)
                    continue
                }
                eventSink.yield(.revoked(namespace: entry.namespace, worker: worker, epoch: entry.epoch))
                if scope.selects(entry.namespace) { execute(map.rebalance([entry.namespace])) }
                // A slot may have come free: namespaces waiting for capacity get a chance.
                execute(map.rebalance(waitingForCapacity))
            }
            resumeCreditWaiters()
        case .resyncRequest(let request):
            guard map.isCurrent(request.namespace, epoch: request.epoch, from: worker),
                map.owners[request.namespace]?.revoking == false
            else { return stale(from: worker, kind: body.kind) }
            counters.resyncs += 1
            logger.info(
                "worker asked for a fresh snapshot",
                metadata: [
                    "worker": "\(worker)", "namespace": "\(request.namespace)", "reason": "\(request.reason)",
                    "detail": "\(request.detail)",
                ])
            eventSink.yield(.resyncRequested(namespace: request.namespace, worker: worker, epoch: request.epoch))
            map.forgiveInFlight(request.namespace)
            sendSnapshot(request.namespace)
        case .welcome, .assign, .revoke, .snapshot, .delta:
            reject(from: worker, reason: "unexpected_kind")
        }
    }

    /// A Hello opens (or reopens) a worker's session.
    private func greet(_ worker: String, _ hello: ShardHello) {
        guard !worker.isEmpty, hello.workerID == worker else {
            return reject(from: worker, reason: "identity_mismatch")
        }
        guard hello.protocolVersion >= ShardCodec.supportedVersions.lowerBound else {
            return reject(from: worker, reason: "unsupported_hello_version")
        }
        let credit = hello.capacity.maxInFlight == 0 ? config.defaultMaxInFlight : Int(hello.capacity.maxInFlight)
        let known = map.workers[worker] != nil
        let maxNamespaces = Int(hello.capacity.maxNamespaces)
        map.hello(from: worker, maxInFlight: credit, maxNamespaces: maxNamespaces, now: .now)
        logger.info(
            "worker joined",
            metadata: [
                "worker": "\(worker)", "pid": "\(hello.pid)", "rejoined": "\(known)",
                "maxNamespaces": "\(maxNamespaces)",
            ])
        var welcome = ShardWelcome()
        welcome.coordinatorID = config.identity
        welcome.coordinatorInstance = instance
        welcome.protocolVersion = ShardCodec.currentVersion
        welcome.heartbeatIntervalMs = UInt32(clamping: config.heartbeatInterval.components.seconds * 1000
            + config.heartbeatInterval.components.attoseconds / 1_000_000_000_000_000)
        welcome.heartbeatLiveness = UInt32(clamping: config.heartbeatLiveness)
        server.send(to: worker, .welcome(welcome))
        eventSink.yield(.workerJoined(worker))
        rebalanceAll()
    }

    private func reject(from worker: String, reason: String, detail: String = "") {
        counters.rejectedFrames[reason, default: 0] += 1
        logger.warning("rejected frame", metadata: ["worker": "\(worker)", "reason": "\(reason)", "detail": "\(detail)"])
        eventSink.yield(.frameRejected(worker: worker, reason: reason))
    }

    /// A refused peer retries every reconnect interval: each (address, reason) is logged the
    /// first time only (up to `refusedPeersLogged` of them), every refusal is counted. The
    /// ZAP request holds only the peer's public key, and not even that is logged.
    private func refuse(_ rejection: ZAPHandler.Rejection) {
        let reason = rejection.reason.rawValue
        counters.peersRefused[reason, default: 0] += 1
        if refusedPeers.count < Self.refusedPeersLogged,
            refusedPeers.insert("\(reason) \(rejection.address)").inserted
        {
            logger.warning("shard peer refused", metadata: ["address": "\(rejection.address)", "reason": "\(reason)"])
        }
        eventSink.yield(.peerRefused(address: rejection.address, reason: reason))
    }

    private func stale(from worker: String, kind: String) {
        counters.staleFrames += 1
        // Acks in flight when a namespace moved: expected, counted, not worth a line each.
        logger.debug("dropping frame of an ended ownership", metadata: ["worker": "\(worker)", "kind": "\(kind)"])
        eventSink.yield(.staleFrame(worker: worker, kind: kind))
    }
}
