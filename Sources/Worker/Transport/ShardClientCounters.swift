/// The transport's counters, as plain values for tests and the /metrics exporter.
public struct ShardClientCounters: Sendable, Hashable {
    /// Frames dropped before use, by `ShardCodecError.counterLabel` (or `unexpected_kind`).
    public var rejectedFrames: [String: Int] = [:]
    /// Well-formed frames not applied, by `FrameDropReason` raw value.
    public var droppedFrames: [String: Int] = [:]
    /// Sequence gaps seen, each answered with a ResyncRequest.
    public var sequenceGaps = 0
    /// Objects inside snapshots or deltas that could not be decoded (skipped).
    public var undecodableObjects = 0
    /// Times the coordinator was declared dead and the connection rebuilt.
    public var reconnects = 0
    /// Welcomes from a coordinator instance other than the previous one.
    public var coordinatorChanges = 0

    public init() {}
}
