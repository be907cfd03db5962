import NIOCore
import NIOHTTP1
import Synchronization

/// Delivers a watch's events to its HTTP connection as chunks.
///
/// `send` runs under the server's lock on whatever thread committed the change, so it only
/// appends to a buffer; one flush per batch is scheduled on the connection's event loop.
/// A client that stops reading is cut off once its backlog passes `maxBacklog`, as
/// kube-apiserver drops watchers it cannot keep up with.
final class ChannelWatchSink: WatchSink {
    private struct Pending {
        /// Appended straight into a buffer the channel can write, so each event is copied once.
        var bytes = ByteBuffer()
        var flushScheduled = false
        var finished = false
    }

    private let channel: any Channel
    private let pending = Mutex(Pending())
    private let onFinish: @Sendable () -> Void
    static let maxBacklog = 64 << 20

    init(channel: any Channel, onFinish: @escaping @Sendable () -> Void) {
        self.channel = channel
        self.onFinish = onFinish
    }

    func send(_ bytes: [UInt8]) {
        let (schedule, overflow) = pending.withLock { state -> (Bool, Bool) in
            guard !state.finished else { return (false, false) }
            state.bytes.writeBytes(bytes)
            if state.bytes.readableBytes > Self.maxBacklog { return (false, true) }
            defer { state.flushScheduled = true }
            return (!state.flushScheduled, false)
        }
        if overflow {
            finish()
        } else if schedule {
            channel.eventLoop.execute { self.flush() }
        }
    }

    func finish() {
        let first = pending.withLock { state -> Bool in
            defer { state.finished = true }
            return !state.finished
        }
        guard first else { return }
        channel.eventLoop.execute {
            self.flush(force: true)
            self.channel.writeAndFlush(HTTPServerResponsePart.end(nil), promise: nil)
            self.onFinish()
        }
    }

    private func flush(force: Bool = false) {
        let buffer = pending.withLock { state -> ByteBuffer in
            state.flushScheduled = false
            defer { state.bytes = ByteBuffer() }
            return state.bytes
        }
        guard buffer.readableBytes > 0 else { return }
        channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(buffer)), promise: nil)
    }
}
