import CZeroMQ

/// A socket's monitor: libzmq publishes the socket's connection events on an `inproc://`
/// PAIR, read here on the socket's own thread (the PAIR is a socket like any other).
///
/// vmsvc watches one event: a handshake that failed on the protocol, which is how a peer
/// with the wrong security mechanism (a plain worker at a CURVE coordinator) ends. Such a
/// peer never reaches the ZAP handler, so without the monitor it would go uncounted.
public struct ZMQMonitorEvent: Sendable, Equatable {
    public struct Kind: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let handshakeFailedProtocol = Kind(rawValue: UInt16(ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL))
    }

    /// The protocol error of a `handshakeFailedProtocol` event.
    public enum ProtocolError: Sendable, Equatable {
        /// The peer offered another security mechanism (NULL to a CURVE server, say).
        case mechanismMismatch
        case other(UInt32)

        init(_ value: UInt32) {
            self = value == UInt32(ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) ? .mechanismMismatch : .other(value)
        }
    }

    public let kind: Kind
    /// The event's value: for protocol failures, the libzmq protocol error code.
    public let value: UInt32
    /// The connection's endpoint as libzmq names it: the peer's (`tcp://HOST:PORT`) for a
    /// connection a bound socket accepted.
    public let endpoint: String

    public var protocolError: ProtocolError { ProtocolError(value) }

    /// The peer's host without scheme and port (`127.0.0.1`), as ZAP reports addresses.
    public var host: String {
        var text = Substring(endpoint)
        if let scheme = text.firstRange(of: "://") { text = text[scheme.upperBound...] }
        if let colon = text.lastIndex(of: ":") { text = text[..<colon] }
        return String(text.trimmingPrefix("[").prefix { $0 != "]" })
    }

    /// Decodes libzmq's two-frame event message (16-bit event and 32-bit value in native
    /// byte order, then the endpoint); nil for anything else.
    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        let head = frames[0]
        kind = Kind(rawValue: head.withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) })
        value = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
        endpoint = String(decoding: frames[1], as: UTF8.self)
    }
}

extension ZMQSocket {
    /// Publishes this socket's `events` on `endpoint` (an unused `inproc://` name) and
    /// returns a PAIR, made from `context`, that receives them as `ZMQMonitorEvent` frames.
    public func monitor(
        _ events: ZMQMonitorEvent.Kind, on endpoint: String, context: ZMQContext
    ) throws(ZMQError) -> ZMQSocket {
        let socket = try openHandle()
        guard zmq_socket_monitor(socket, endpoint, Int32(events.rawValue)) == 0 else { throw ZMQError.last() }
        let pair = try context.socket(.pair)
        try pair.connect(endpoint)
        return pair
    }
}
