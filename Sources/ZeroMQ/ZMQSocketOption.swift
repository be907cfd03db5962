import CZeroMQ

/// A libzmq socket option together with the Swift type of its value, so that
/// `socket.set(.linger, to: .zero)` and `socket.get(.lastEndpoint)` are checked by the
/// compiler instead of passing raw buffers and sizes.
public struct ZMQSocketOption<Value: ZMQOptionValue>: Sendable {
    let name: Int32

    init(_ name: Int32) {
        self.name = name
    }
}

extension ZMQSocketOption where Value == Bool {
    /// ROUTER: fail a send to an unknown routing id with EHOSTUNREACH instead of dropping it.
    public static var routerMandatory: Self { .init(ZMQ_ROUTER_MANDATORY) }
    /// ROUTER: a peer connecting with a routing id already in use takes it over (the old
    /// connection stops receiving) instead of being refused. A restarted peer that reuses
    /// its id is then reachable at once, not only after the old connection times out.
    public static var routerHandover: Self { .init(ZMQ_ROUTER_HANDOVER) }
    /// Queue messages only to completed connections, so a message is never stranded on a
    /// connection still being set up.
    public static var immediate: Self { .init(ZMQ_IMMEDIATE) }
    /// Act as the CURVE server (needs `curveSecretKey`).
    public static var curveServer: Self { .init(ZMQ_CURVE_SERVER) }
}

extension ZMQSocketOption where Value == Int32 {
    /// Outbound queue limit in messages; 0 means no limit.
    public static var sendHighWaterMark: Self { .init(ZMQ_SNDHWM) }
    /// Inbound queue limit in messages; 0 means no limit.
    public static var receiveHighWaterMark: Self { .init(ZMQ_RCVHWM) }
}

extension ZMQSocketOption where Value == Int64 {
    /// Largest inbound message in bytes (-1: no limit). A peer that sends more is
    /// disconnected before the message is buffered, so an oversized frame costs no memory.
    public static var maxMessageSize: Self { .init(ZMQ_MAXMSGSIZE) }
}

extension ZMQSocketOption where Value == ZMQTimeout {
    /// How long `close` keeps undelivered messages.
    public static var linger: Self { .init(ZMQ_LINGER) }
    /// How long a blocking receive waits before failing with `ZMQError.wouldBlock`.
    public static var receiveTimeout: Self { .init(ZMQ_RCVTIMEO) }
    /// How long a blocking send waits before failing with `ZMQError.wouldBlock`.
    public static var sendTimeout: Self { .init(ZMQ_SNDTIMEO) }
}

extension ZMQSocketOption where Value == Duration {
    /// Interval of ZMTP PING frames; zero disables transport heartbeats.
    public static var heartbeatInterval: Self { .init(ZMQ_HEARTBEAT_IVL) }
    /// How long the peer should wait for our next PING before dropping the connection.
    public static var heartbeatTTL: Self { .init(ZMQ_HEARTBEAT_TTL) }
    /// How long we wait for traffic after a PING before dropping the connection.
    public static var heartbeatTimeout: Self { .init(ZMQ_HEARTBEAT_TIMEOUT) }
}

extension ZMQSocketOption where Value == [UInt8] {
    /// The identity a DEALER presents to a ROUTER (1–255 bytes, not starting with 0).
    public static var routingID: Self { .init(ZMQ_ROUTING_ID) }
}

extension ZMQSocketOption where Value == CurveKey {
    public static var curvePublicKey: Self { .init(ZMQ_CURVE_PUBLICKEY) }
    public static var curveSecretKey: Self { .init(ZMQ_CURVE_SECRETKEY) }
    /// The server's public key, set on a CURVE client.
    public static var curveServerKey: Self { .init(ZMQ_CURVE_SERVERKEY) }
}

extension ZMQSocketOption where Value == String {
    /// The ZAP domain a server's handshakes are authenticated in.
    public static var zapDomain: Self { .init(ZMQ_ZAP_DOMAIN) }
    /// The endpoint of the last bind/connect, with the port the OS chose for `tcp://…:*`.
    public static var lastEndpoint: Self { .init(ZMQ_LAST_ENDPOINT) }
}

/// A timeout option value: libzmq spells "forever" as -1 milliseconds.
public enum ZMQTimeout: Sendable, Equatable {
    case forever
    case after(Duration)

    public static var zero: ZMQTimeout { .after(.zero) }
}
