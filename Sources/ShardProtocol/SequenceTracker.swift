/// Checks the sequence numbers of one namespace's stream (one epoch): Snapshot chunks
/// and Deltas are numbered consecutively by the coordinator, so anything but the next
/// number means a frame was lost (gap) or repeated (duplicate).
///
/// A gap cannot be repaired by waiting — ZeroMQ does not reorder frames on a connection,
/// so a missing one is gone. The stream therefore stops applying anything until a new
/// snapshot starts (chunk 0); the caller requests one when `admit…` reports `.gap`, which
/// it does once per gap.
public struct SequenceTracker: Sendable, Equatable {
    /// The last sequence number applied; 0 before the first frame.
    public private(set) var lastApplied: UInt64 = 0
    public private(set) var phase: Phase = .awaitingSnapshot

    public enum Phase: Sendable, Equatable {
        /// Nothing is applied until chunk 0 of a snapshot arrives.
        case awaitingSnapshot
        /// Chunks of a snapshot are arriving; the namespace's view is incomplete.
        case receivingSnapshot
        /// The snapshot is complete and deltas keep it current.
        case live
    }

    public init() {}

    /// Chunk 0 starts a new snapshot whatever came before (as long as it is newer than
    /// what was applied); later chunks must follow on.
    public mutating func admitSnapshotChunk(sequence: UInt64, chunkIndex: UInt32, isFinal: Bool) -> SequenceVerdict {
        let verdict: SequenceVerdict
        if chunkIndex == 0 {
            verdict = sequence <= lastApplied ? .duplicate : .apply
        } else {
            verdict = admitFollowOn(sequence: sequence)
        }
        if verdict == .apply {
            lastApplied = sequence
            phase = isFinal ? .live : .receivingSnapshot
        }
        return verdict
    }

    public mutating func admitDelta(sequence: UInt64) -> SequenceVerdict {
        let verdict = admitFollowOn(sequence: sequence)
        if verdict == .apply {
            lastApplied = sequence
        }
        return verdict
    }

    private mutating func admitFollowOn(sequence: UInt64) -> SequenceVerdict {
        if sequence <= lastApplied {
            return .duplicate
        }
        if phase == .awaitingSnapshot {
            return .awaitingSnapshot
        }
        let expected = lastApplied + 1
        if sequence != expected {
            phase = .awaitingSnapshot
            return .gap(expected: expected, received: sequence)
        }
        return .apply
    }
}

public enum SequenceVerdict: Equatable, Sendable {
    /// Next in line: apply it.
    case apply
    /// Already applied: ignore it.
    case duplicate
    /// Frames between `expected` and `received` are lost: request a snapshot.
    case gap(expected: UInt64, received: UInt64)
    /// A snapshot has been asked for (or never arrived); drop until it starts.
    case awaitingSnapshot
}
