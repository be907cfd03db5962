import NIOCore
import Synchronization

/// Delivers a watch's events to its HTTP connection as chunks.
///
/// `send` runs under the server's lock on whatever thread committed the change, so it only
/// queues the event's bytes, which every watcher of the change shares. One flush per batch is
/// queued on the connection's event loop (through that loop's `WatchFlushQueue`), no sooner
/// than `flushInterval` after the previous one; it copies the batch, outside the server's
/// lock, into one chunk of the batch's exact size. Each flush is a system call that also
/// wakes the reader, and under a high event rate that, not the bytes, is what a watcher costs.
/// A client that stops reading is cut off once its backlog passes `maxBacklog`, as
/// kube-apiserver drops watchers it cannot keep up with.
final class ChannelWatchSink: WatchSink {
    private struct Pending {
        var events: [[UInt8]] = []
        var byteCount = 0
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
            state.events.append(bytes)
            state.byteCount += bytes.count
            if state.byteCount > Self.maxBacklog { return (nil, true) }
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
            self.channel.writeAndFlush(HTTPResponseBytes.lastChunk(allocator: self.channel.allocator), promise: nil)
            self.onFinish()
        }
    }

    /// Writes what is pending; runs on the channel's event loop.
    func flush() {
        let (events, byteCount) = pending.withLock { state -> ([[UInt8]], Int) in
            state.flushScheduled = false
            state.lastFlush = channel.eventLoop.now
            defer {
                state.events = []
                state.byteCount = 0
            }
            return (state.events, state.byteCount)
        }
        guard byteCount > 0 else { return }
        let chunk = HTTPResponseBytes.chunk(byteCount: byteCount, allocator: channel.allocator) { buffer in
            for event in events { buffer.writeBytes(event) }
        }
        channel.writeAndFlush(chunk, promise: nil)
    }
}
