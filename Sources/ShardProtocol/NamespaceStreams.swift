/// The worker's gate for the namespace-scoped frames the coordinator sends: every Snapshot
/// chunk and Delta passes `admit` before it touches any state. It combines the two rules
/// of the protocol — the frame's epoch must be the current ownership (`EpochTable`) and
/// its sequence number must be the next one (`SequenceTracker`) — into one answer the
/// worker acts on: apply, drop (with the counter to bump), or drop and request a snapshot.
public struct NamespaceStreams: Sendable {
    private var epochs = EpochTable()
    private var trackers: [String: SequenceTracker] = [:]

    public init() {}

    /// An Assign for `namespace`: a new stream that waits for its snapshot.
    public mutating func assign(_ namespace: String, epoch: UInt64) -> EpochVerdict {
        let verdict = epochs.assign(namespace, epoch: epoch)
        if verdict == .current {
            trackers[namespace] = SequenceTracker()
        }
        return verdict
    }

    /// A Revoke for `namespace`: later frames of this epoch are dropped as not owned.
    public mutating func revoke(_ namespace: String, epoch: UInt64) -> EpochVerdict {
        let verdict = epochs.revoke(namespace, epoch: epoch)
        if verdict == .current {
            trackers[namespace] = nil
        }
        return verdict
    }

    /// The epoch `namespace` is owned under, or nil.
    public func epoch(of namespace: String) -> UInt64? {
        epochs.epoch(of: namespace)
    }

    /// Every owned namespace with its epoch.
    public var ownedNamespaces: [String: UInt64] { epochs.ownedNamespaces }

    /// The sequence state of an owned namespace.
    public func tracker(for namespace: String) -> SequenceTracker? {
        trackers[namespace]
    }

    public mutating func admit(_ snapshot: ShardSnapshot) -> FrameAdmission {
        admit(namespace: snapshot.namespace, epoch: snapshot.epoch) { tracker in
            tracker.admitSnapshotChunk(
                sequence: snapshot.sequence, chunkIndex: snapshot.chunkIndex, isFinal: snapshot.final)
        }
    }

    public mutating func admit(_ delta: ShardDelta) -> FrameAdmission {
        admit(namespace: delta.namespace, epoch: delta.epoch) { tracker in
            tracker.admitDelta(sequence: delta.sequence)
        }
    }

    private mutating func admit(
        namespace: String, epoch: UInt64, sequence check: (inout SequenceTracker) -> SequenceVerdict
    ) -> FrameAdmission {
        switch epochs.check(namespace, epoch: epoch) {
        case .stale:
            return .drop(.staleEpoch)
        case .notOwned:
            return .drop(.notOwned)
        case .current:
            break
        }
        var tracker = trackers[namespace] ?? SequenceTracker()
        let verdict = check(&tracker)
        trackers[namespace] = tracker
        switch verdict {
        case .apply: return .apply
        case .duplicate: return .drop(.duplicate)
        case .awaitingSnapshot: return .drop(.awaitingSnapshot)
        case .gap(let expected, let received): return .requestResync(expected: expected, received: received)
        }
    }
}

public enum FrameAdmission: Equatable, Sendable {
    case apply
    case drop(FrameDropReason)
    /// Frames were lost: drop this one and send a ResyncRequest for the namespace.
    case requestResync(expected: UInt64, received: UInt64)
}

/// Why a well-formed frame was not applied; the raw value names its drop counter.
public enum FrameDropReason: String, Sendable, CaseIterable {
    case duplicate
    case staleEpoch = "stale_epoch"
    case notOwned = "not_owned"
    case awaitingSnapshot = "awaiting_snapshot"
}
