import CZeroMQ

/// One libzmq socket.
///
/// libzmq sockets are not thread safe, so this class is deliberately not `Sendable`: the
/// compiler refuses to hand a socket to another thread or task. The intended pattern is
/// one dedicated thread per role that creates its socket from the (Sendable) context,
/// uses it, and closes it — the socket never leaves the thread it was made on.
///
/// New sockets have a linger of zero: on close, undelivered messages are dropped rather
/// than holding up context termination. Nothing in vmsvc depends on a message surviving
/// a close; a reconnecting peer is resynchronised with a snapshot.
public final class ZMQSocket {
    public let type: ZMQSocketType
    /// Keeps the context alive (and thus unterminated) while this socket is open.
    private let context: ZMQContext
    private var handle: UnsafeMutableRawPointer?

    init(context: ZMQContext, type: ZMQSocketType) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else { throw ZMQError.last() }
        self.context = context
        self.type = type
        self.handle = handle
        try set(.linger, to: .zero)
    }

    deinit {
        close()
    }

    /// Closes the socket; later calls fail with `ZMQError.socketClosed`. Idempotent.
    public func close() {
        guard let handle else { return }
        _ = zmq_close(handle)
        self.handle = nil
    }

    public var isClosed: Bool { handle == nil }

    /// Binds to `endpoint` (`tcp://127.0.0.1:*` picks a free port: read `lastEndpoint`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        let socket = try openHandle()
        guard zmq_bind(socket, endpoint) == 0 else { throw ZMQError.last() }
    }

    /// Connects to `endpoint`; libzmq reconnects by itself when the peer goes away.
    public func connect(_ endpoint: String) throws(ZMQError) {
        let socket = try openHandle()
        guard zmq_connect(socket, endpoint) == 0 else { throw ZMQError.last() }
    }

    public func set<Value>(_ option: ZMQSocketOption<Value>, to value: Value) throws(ZMQError) {
        let socket = try openHandle()
        let bytes = value.optionBytes
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(socket, option.name, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw ZMQError.last() }
    }

    public func get<Value>(_ option: ZMQSocketOption<Value>) throws(ZMQError) -> Value {
        let socket = try openHandle()
        var bytes = [UInt8](repeating: 0, count: Value.maxOptionSize)
        var size = bytes.count
        let rc = bytes.withUnsafeMutableBytes { zmq_getsockopt(socket, option.name, $0.baseAddress, &size) }
        guard rc == 0 else { throw ZMQError.last() }
        guard let value = Value(optionBytes: Array(bytes.prefix(size))) else { throw ZMQError.malformedReply }
        return value
    }

    /// The raw handle for libzmq calls, or `socketClosed`.
    func openHandle() throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError.socketClosed }
        return handle
    }
}
