import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed libzmq call: the `errno` it left behind and libzmq's text for it.
///
/// Callers branch on the few codes that are part of normal operation (would block,
/// unroutable peer, context shut down) by comparing with the constants below rather than
/// with raw numbers.
public struct ZMQError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Int32

    public init(code: Int32) {
        self.code = code
    }

    /// The error of the libzmq call that just failed on this thread.
    static func last() -> ZMQError {
        ZMQError(code: zmq_errno())
    }

    public var message: String {
        String(cString: zmq_strerror(code))
    }

    public var description: String {
        "ZMQError(\(code)): \(message)"
    }

    /// A non-blocking call found nothing to do, or a send/receive timeout expired.
    public static let wouldBlock = ZMQError(code: EAGAIN)
    /// A ROUTER with ROUTER_MANDATORY was asked to send to a peer it is not connected to.
    public static let hostUnreachable = ZMQError(code: EHOSTUNREACH)
    /// The context was shut down; the socket must be closed.
    public static let terminated = ZMQError(code: ZMQ_HAUSNUMERO + 53)
    /// The socket was already closed.
    public static let socketClosed = ZMQError(code: ENOTSOCK)
    /// libzmq handed back bytes that do not form what it promised (e.g. a key).
    static let malformedReply = ZMQError(code: EPROTO)
    static let invalidArgument = ZMQError(code: EINVAL)
    /// A signal interrupted a blocking call; the blocking wrappers retry it.
    static let interrupted = ZMQError(code: EINTR)
}
