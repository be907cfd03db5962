import ShardProtocol

/// The worker's protocol state for one coordinator: which namespaces it owns under which
/// epoch, where each namespace's sequence stands, and the snapshot being assembled from its
/// chunks. It turns the coordinator's frames into `WorkerInput`s for the engine and into the
/// replies the protocol itself requires (a ResyncRequest after a gap, a RevokeAck for a
/// namespace never owned). Pure; the client thread owns it.
struct ClientSession {
    /// What one frame leads to.
    struct Reaction {
        var inputs: [WorkerInput] = []
        var replies: [ShardEnvelope.OneOf_Body] = []
    }

    private(set) var coordinatorInstance: String?
    private(set) var counters = ShardClientCounters()
    private var streams = NamespaceStreams()
    private var assembling: [String: NamespaceSnapshot] = [:]
    private var wire = WireDecoding()

    mutating func receive(_ envelope: ShardEnvelope) -> Reaction {
        var reaction = Reaction()
        switch envelope.body {
        case .welcome(let welcome):
            if let previous = coordinatorInstance, previous != welcome.coordinatorInstance {
                counters.coordinatorChanges += 1
                reaction.inputs = releaseAll()
            }
            coordinatorInstance = welcome.coordinatorInstance
        case .assign(let assign):
            for entry in assign.namespaces {
                guard streams.assign(entry.namespace, epoch: entry.epoch) == .current else {
                    count(.staleEpoch)
                    continue
                }
                assembling[entry.namespace] = nil
                reaction.inputs.append(.assign(namespace: entry.namespace, epoch: entry.epoch))
            }
        case .revoke(let revoke):
            for entry in revoke.namespaces {
                switch streams.revoke(entry.namespace, epoch: entry.epoch) {
                case .current:
                    assembling[entry.namespace] = nil
                    // Acknowledged once the engine has stopped writing (see ShardClient).
                    reaction.inputs.append(.revoke(namespace: entry.namespace, epoch: entry.epoch))
                case .notOwned:
                    // Its Assign never arrived: nothing to stop, acknowledge at once.
                    reaction.replies.append(.revokeAck(Self.revokeAck(entry.namespace, entry.epoch)))
                case .stale:
                    count(.staleEpoch)
                }
            }
        case .snapshot(let chunk):
            let admission = streams.admit(chunk)
            guard admits(admission, namespace: chunk.namespace, epoch: chunk.epoch, into: &reaction) else { break }
            guard
                var snapshot = chunk.chunkIndex == 0
                    ? NamespaceSnapshot(namespace: chunk.namespace, epoch: chunk.epoch, sequence: chunk.sequence)
                    : assembling[chunk.namespace]
            else { break }
            wire.append(chunk, to: &snapshot)
            if chunk.final {
                assembling[chunk.namespace] = nil
                reaction.inputs.append(.snapshot(snapshot))
            } else {
                assembling[chunk.namespace] = snapshot
            }
        case .delta(let delta):
            let admission = streams.admit(delta)
            guard admits(admission, namespace: delta.namespace, epoch: delta.epoch, into: &reaction) else { break }
            let changes = delta.changes.compactMap { wire.change($0) }
            reaction.inputs.append(
                .delta(
                    namespace: delta.namespace, epoch: delta.epoch, sequence: delta.sequence, changes: changes,
                    observedAt: WireDecoding.earliestVMObservation(delta.changes)))
        case .heartbeat, .stats:
            break
        case .hello, .revokeAck, .ack, .resyncRequest, nil:
            counters.rejectedFrames["unexpected_kind", default: 0] += 1
        }
        counters.undecodableObjects = wire.undecodableObjects
        return reaction
    }

    /// The coordinator is gone (or replaced): stop writing everything it assigned. A new
    /// coordinator reassigns under new epochs and sends fresh snapshots.
    mutating func releaseAll() -> [WorkerInput] {
        let owned = streams.ownedNamespaces.sorted { $0.key < $1.key }
        streams = NamespaceStreams()
        assembling = [:]
        coordinatorInstance = nil
        return owned.map { .revoke(namespace: $0.key, epoch: $0.value) }
    }

    /// Whether an admitted frame is applied; counts drops and asks for a resync after a gap.
    private mutating func admits(
        _ admission: FrameAdmission, namespace: String, epoch: UInt64, into reaction: inout Reaction
    ) -> Bool {
        switch admission {
        case .apply:
            return true
        case .drop(let reason):
            count(reason)
            return false
        case .requestResync(let expected, let received):
            counters.sequenceGaps += 1
            assembling[namespace] = nil
            var request = ShardResyncRequest()
            request.namespace = namespace
            request.epoch = epoch
            request.reason = .sequenceGap
            request.lastAppliedSequence = expected - 1
            request.detail = "expected sequence \(expected), received \(received)"
            reaction.replies.append(.resyncRequest(request))
            return false
        }
    }

    private mutating func count(_ reason: FrameDropReason) {
        counters.droppedFrames[reason.rawValue, default: 0] += 1
    }

    static func revokeAck(_ namespace: String, _ epoch: UInt64) -> ShardRevokeAck {
        var entry = ShardNamespaceEpoch()
        entry.namespace = namespace
        entry.epoch = epoch
        var ack = ShardRevokeAck()
        ack.namespaces = [entry]
        return ack
    }
}
