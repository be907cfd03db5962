import CZeroMQ

/// Multipart messages: a message is an array of frames and travels atomically (all
/// frames or none). A ROUTER receives the sender's routing id as the first frame and
/// sends to the peer named by the first frame.
extension ZMQSocket {
    /// Sends `frames` as one message, waiting for room as long as the send timeout allows.
    public func send(_ frames: [[UInt8]]) throws(ZMQError) {
        guard try send(frames, flags: 0) else { throw ZMQError.wouldBlock }
    }

    /// Sends `frames` if that can be done without waiting; false when the outbound queue is
    /// full or (DEALER) no peer is connected yet.
    public func trySend(_ frames: [[UInt8]]) throws(ZMQError) -> Bool {
        try send(frames, flags: ZMQ_DONTWAIT)
    }

    /// Sends `frames`, waiting at most `timeout` for room; false when the time ran out.
    public func send(_ frames: [[UInt8]], timeout: Duration) throws(ZMQError) -> Bool {
        try withTimeout(.sendTimeout, timeout) { () throws(ZMQError) in try send(frames, flags: 0) }
    }

    /// Receives one message, waiting as long as the receive timeout allows.
    public func receive() throws(ZMQError) -> [[UInt8]] {
        guard let frames = try receive(flags: 0) else { throw ZMQError.wouldBlock }
        return frames
    }

    /// Receives one message if one is waiting; nil otherwise.
    public func tryReceive() throws(ZMQError) -> [[UInt8]]? {
        try receive(flags: ZMQ_DONTWAIT)
    }

    /// Receives one message, waiting at most `timeout`; nil when the time ran out.
    public func receive(timeout: Duration) throws(ZMQError) -> [[UInt8]]? {
        try withTimeout(.receiveTimeout, timeout) { () throws(ZMQError) in try receive(flags: 0) }
    }

    /// Runs a blocking call under a temporary send/receive timeout. libzmq's own timed
    /// wait sleeps until the socket's state changes; polling for writability instead would
    /// spin on a ROUTER, which reports writable while any one of its peers has room.
    private func withTimeout<Result>(
        _ option: ZMQSocketOption<ZMQTimeout>, _ timeout: Duration,
        _ body: () throws(ZMQError) -> Result
    ) throws(ZMQError) -> Result {
        let previous = try get(option)
        try set(option, to: .after(max(timeout, .zero)))
        defer { try? set(option, to: previous) }
        return try body()
    }

    /// False when the first frame would block; libzmq accepts the remaining frames of a
    /// message once it has taken the first.
    private func send(_ frames: [[UInt8]], flags: Int32) throws(ZMQError) -> Bool {
        let socket = try openHandle()
        guard !frames.isEmpty else { throw ZMQError.invalidArgument }
        for (index, frame) in frames.enumerated() {
            let more = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            while frame.withUnsafeBytes({ zmq_send(socket, $0.baseAddress, $0.count, flags | more) }) < 0 {
                let error = ZMQError.last()
                if error == .interrupted { continue }
                if error == .wouldBlock && index == 0 { return false }
                throw error
            }
        }
        return true
    }

    /// Nil when no message arrived (non-blocking, or the receive timeout expired).
    private func receive(flags: Int32) throws(ZMQError) -> [[UInt8]]? {
        let socket = try openHandle()
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        var frames: [[UInt8]] = []
        repeat {
            // The rest of a message is already here once its first frame is.
            let partFlags = frames.isEmpty ? flags : 0
            while zmq_msg_recv(&message, socket, partFlags) < 0 {
                let error = ZMQError.last()
                if error == .interrupted { continue }
                if error == .wouldBlock && frames.isEmpty { return nil }
                throw error
            }
            frames.append(Array(UnsafeRawBufferPointer(start: zmq_msg_data(&message), count: zmq_msg_size(&message))))
        } while zmq_msg_more(&message) != 0
        return frames
    }
}
