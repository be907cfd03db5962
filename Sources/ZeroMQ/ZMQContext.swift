import CZeroMQ

/// A libzmq context: the I/O threads and the `inproc://` namespace its sockets share.
///
/// Every socket keeps its context alive, so the context is terminated (`zmq_ctx_term`)
/// only after the last socket made from it has been closed; since sockets default to a
/// linger of zero, termination never waits for undeliverable messages.
///
/// To stop threads blocked in socket calls, call `shutdown()` from any thread: their
/// calls fail with `ZMQError.terminated`, and each thread then closes its socket.
public final class ZMQContext: @unchecked Sendable {
    // @unchecked Sendable: libzmq documents contexts as thread safe (zmq_ctx_new(3):
    // "A ØMQ context is thread safe and may be shared among as many application threads as
    // necessary"), and `handle` is immutable after init.
    let handle: UnsafeMutableRawPointer

    public init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last() }
        self.handle = handle
    }

    /// Make every blocking call on this context's sockets fail with `ZMQError.terminated` and
    /// refuse new sockets. Safe to call from any thread, more than once.
    public func shutdown() {
        _ = zmq_ctx_shutdown(handle)
    }

    /// A new socket of `type`, to be used from the calling thread only (see `ZMQSocket`).
    public func socket(_ type: ZMQSocketType) throws(ZMQError) -> ZMQSocket {
        try ZMQSocket(context: self, type: type)
    }

    deinit {
        while zmq_ctx_term(handle) != 0, ZMQError.last() == .interrupted {}
    }
}
