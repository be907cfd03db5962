extension ShardEnvelope.OneOf_Body {
    /// The message's name, for the one log line and the counter label of a frame.
    public var kind: String {
        switch self {
        case .hello: "hello"
        case .welcome: "welcome"
        case .heartbeat: "heartbeat"
        case .assign: "assign"
        case .revoke: "revoke"
        case .revokeAck: "revoke_ack"
        case .snapshot: "snapshot"
        case .delta: "delta"
        case .ack: "ack"
        case .resyncRequest: "resync_request"
        case .stats: "stats"
        }
    }
}
