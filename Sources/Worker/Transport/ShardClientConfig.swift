import Foundation
import Logging
import ShardProtocol
import ShardTransport
import ZeroMQ

/// How a worker's transport connects; the defaults are the documented flag defaults.
public struct ShardClientConfig: Sendable {
    /// Unique among the workers; also the DEALER's routing id (1–255 bytes).
    public var workerID: String
    /// The coordinator's endpoint, `tcp://HOST:PORT` or `inproc://NAME`.
    public var endpoint: String
    /// Must be the coordinator's context for `inproc://`; nil: a context of its own.
    public var context: ZMQContext?
    /// CURVE keys, or plain (inproc, or an explicit insecure tcp).
    public var security: ShardClientSecurity = .plain
    /// Namespaces the coordinator should give this worker at most (0: no limit).
    public var maxNamespaces: UInt32 = 0
    /// Unacknowledged frames this worker accepts: the coordinator's credit for it.
    public var maxInFlight: UInt32 = 256
    /// Heartbeats go out every interval; the coordinator is dead after `heartbeatLiveness`
    /// intervals without a frame from it, and the client reconnects.
    public var heartbeatInterval: Duration = .seconds(1)
    public var heartbeatLiveness = 3
    public var maxFrameBytes = ShardCodec.defaultMaxFrameBytes
    public var logger = Logger(label: "vmsvc.worker.transport")

    public init(workerID: String, endpoint: String) {
        self.workerID = workerID
        self.endpoint = endpoint
    }
}
