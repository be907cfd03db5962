import NIOCore
import NIOHTTP1
import Synchronization

/// Delivers a watch's events to its HTTP connection as chunks.
///
/// `send` runs under the server's lock on whatever thread committed the change, so it only
/// appends to a buffer; one flush per batch is queued on the connection's event loop (through
/// that loop's `WatchFlushQueue`), no sooner than `flushInterval` after the previous one. Each
/// flush is a system call that also wakes the reader, and under a high event rate that, not
/// the bytes, is what a watcher costs.
/// A client that stops reading is cut off once its backlog passes `maxBacklog`, as
/// kube-apiserver drops watchers it cannot keep up with.
final class ChannelWatchSink: WatchSink {
    private struct Pending {
        /// Appended straight into a buffer the channel can write, so each event is copied once.
        var bytes = ByteBuffer()
        var flushScheduled = false
        var finished = false
        var lastFlush: NIODeadline?
    }

    private let channel: any Channel
    private let flushQueue: WatchFlushQueue
    private let flushInterval: TimeAmount
    private let pending = Mutex(Pending())
    private let onFinish: @Sendable () -> Void
    static let maxBacklog = 64 << 20
    private static let reservedCapacity = 64 << 10

    init(
        channel: any Channel, flushQueue: WatchFlushQueue, flushInterval: TimeAmount = .zero,
        onFinish: @escaping @Sendable () -> Void
    ) {
        self.channel = channel
        self.flushQueue = flushQueue
        self.flushInterval = flushInterval
        self.onFinish = onFinish
    }

    func send(_ bytes: [UInt8]) {
        let (due, overflow) = pending.withLock { state -> (NIODeadline?, Bool) in
            guard !state.finished else { return (nil, false) }
            state.bytes.writeBytes(bytes)
            if state.bytes.readableBytes > Self.maxBacklog { return (nil, true) }
            defer { state.flushScheduled = true }
            return (state.flushScheduled ? nil : state.lastFlush.map { $0 + flushInterval } ?? .distantPast, false)
        }
        if overflow {
            finish()
        } else if let due {
            if due <= channel.eventLoop.now {
                flushQueue.enqueue(self)
            } else {
                channel.eventLoop.scheduleTask(deadline: due) { self.flush() }
            }
        }
    }

    func finish() {
        let first = pending.withLock { state -> Bool in
            defer { state.finished = true }
            return !state.finished
        }
        guard first else { return }
        channel.eventLoop.execute {
            self.flush()
            self.channel.writeAndFlush(HTTPServerResponsePart.end(nil), promise: nil)
            self.onFinish()
        }
    }

    /// Writes what is pending; runs on the channel's event loop.
    func flush() {
        let buffer = pending.withLock { state -> ByteBuffer in
            state.flushScheduled = false
            state.lastFlush = channel.eventLoop.now
            // The next batch likely looks like this one: room for it up front saves the
            // doublings (and copies) of growing from nothing, within a bound for idle watchers.
            defer { state.bytes = channel.allocator.buffer(capacity: min(state.bytes.readableBytes, Self.reservedCapacity)) }
            return state.bytes
        }
        guard buffer.readableBytes > 0 else { return }
        channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(buffer)), promise: nil)
    }
}
