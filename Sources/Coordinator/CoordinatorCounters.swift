import KubeClient

/// The coordinator's counters, as plain values for tests and the /metrics exporter.
public struct CoordinatorCounters: Sendable, Hashable {
    /// Frames dropped before use, by reason (`ShardCodecError.counterLabel`, or
    /// `identity_mismatch`, `unsupported_hello_version`, `unexpected_kind`).
    public var rejectedFrames: [String: Int] = [:]
    /// Namespace-scoped frames of an ownership that has ended.
    public var staleFrames = 0
    /// Frames from a worker that has not said Hello (or was declared dead).
    public var unknownWorkerFrames = 0
    /// Frames that arrived on a connection after its worker reconnected and took its id over.
    public var supersededFrames = 0
    /// Shard handshakes the ZAP handler refused, by reason (`unknown_key`, `bad_mechanism`).
    public var peersRefused: [String: Int] = [:]
    /// Sends that failed because the worker was not connected.
    public var unreachableSends = 0
    public var snapshots = 0
    public var deltas = 0
    public var changesSent = 0
    public var resyncs = 0
    public var revokes = 0
    /// Single objects too large for any frame (logged and never sent).
    public var oversizedObjects = 0
    /// Times the reflectors were paused because a worker had no credit left.
    public var backPressurePauses = 0
    /// Reflector restarts, by resource and reason.
    public var reflectorRestarts: [ReflectorRestartCount: Int] = [:]
    /// Namespaces that left or entered the `--namespace-selector` scope.
    public var namespacesLeftScope = 0
    public var namespacesEnteredScope = 0

    public struct ReflectorRestartCount: Sendable, Hashable {
        /// The plural resource name (`virtualmachines`, …).
        public var resource: String
        public var reason: ReflectorRestart
    }

    public init() {}
}
