import Foundation
import Synchronization
import ZeroMQ

/// The hand-over from async code to the one thread that owns a ZeroMQ socket.
///
/// libzmq sockets must stay on one thread, but the coordinator and worker decide what to
/// send in async code on arbitrary threads. They `post` messages here (a lock-protected
/// queue) and the owning thread, which sits in `zmq_poll`, is woken by a one-byte message
/// on an `inproc://` PAIR that is part of its poll set — no polling interval, no latency.
/// At most one wake-up is outstanding, so the PAIR's queue never fills.
public final class SocketOutbox: Sendable {
    private struct State {
        var messages: [[[UInt8]]] = []
        /// The sending end of the wake-up PAIR; nil once closed.
        var waker: ZMQSocket?
        var wakePending = false
        var closed = false
    }

    private let state: Mutex<State>
    private let wakeEndpoint: String

    public init(context: ZMQContext) throws(ZMQError) {
        wakeEndpoint = "inproc://vmsvc-outbox-\(UUID().uuidString)"
        // inproc allows connecting before the owning thread binds (libzmq ≥ 4.0).
        let waker = try context.socket(.pair)
        try waker.connect(wakeEndpoint)
        state = Mutex(State(waker: waker))
    }

    /// Queues `message` for the socket thread; false once the outbox is closed.
    @discardableResult
    public func post(_ message: [[UInt8]]) -> Bool {
        post([message])
    }

    @discardableResult
    public func post(_ messages: [[[UInt8]]]) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.messages += messages
            Self.wake(&state)
            return true
        }
    }

    /// Wakes the socket thread without a message, to make it look at other shared state.
    public func wake() {
        state.withLock { Self.wake(&$0) }
    }

    /// Tells the socket thread to finish; later posts are refused.
    public func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            Self.wake(&state)
        }
    }

    private static func wake(_ state: inout State) {
        guard !state.wakePending, let waker = state.waker else { return }
        // The PAIR holds at most this one byte; a failure leaves the thread to find the
        // messages on its next wake-up or poll timeout.
        state.wakePending = (try? waker.trySend([[1]])) == true
    }

    // MARK: The socket thread's side

    /// The receiving end of the wake-up PAIR, made and bound on the socket thread; poll it
    /// for `.readable` next to the real socket.
    public func makeWakeSocket(context: ZMQContext) throws(ZMQError) -> ZMQSocket {
        let socket = try context.socket(.pair)
        try socket.bind(wakeEndpoint)
        return socket
    }

    /// Everything posted since the last call, and whether the outbox was closed. Consumes
    /// the pending wake-up so that the next post wakes the thread again.
    public func take(from wakeSocket: ZMQSocket) -> (messages: [[[UInt8]]], closed: Bool) {
        while (try? wakeSocket.tryReceive()) != nil {}
        return state.withLock { state in
            let messages = state.messages
            state.messages = []
            state.wakePending = false
            if state.closed {
                state.waker?.close()
                state.waker = nil
            }
            return (messages, state.closed)
        }
    }
}
