import NIOCore
import Synchronization

/// The watch connections of one event loop that have events waiting, flushed by one task.
///
/// Why: a change is fanned out on the thread that committed it, and each watch connection
/// must be written on its own event loop. A task per connection per event costs a wake-up of
/// that loop each (a system call when it sleeps): with hundreds of watchers that was most of
/// what an event cost. Queued here, a change costs one task per event loop, whatever the
/// number of watchers, and each connection still gets one write per batch.
final class WatchFlushQueue: Sendable {
    private struct Queue {
        var sinks: [ChannelWatchSink] = []
        var scheduled = false
    }

    private let eventLoop: any EventLoop
    private let queue = Mutex(Queue())

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Flushes `sink` on the loop soon, together with whatever else is queued by then.
    func enqueue(_ sink: ChannelWatchSink) {
        let schedule = queue.withLock { queue -> Bool in
            queue.sinks.append(sink)
            defer { queue.scheduled = true }
            return !queue.scheduled
        }
        guard schedule else { return }
        eventLoop.execute { self.drain() }
    }

    private func drain() {
        let sinks = queue.withLock { queue -> [ChannelWatchSink] in
            queue.scheduled = false
            defer { queue.sinks = [] }
            return queue.sinks
        }
        for sink in sinks { sink.flush() }
    }
}

/// One `WatchFlushQueue` per event loop, made on first use.
final class WatchFlushQueues: Sendable {
    private let queues = Mutex<[ObjectIdentifier: WatchFlushQueue]>([:])

    func queue(for eventLoop: any EventLoop) -> WatchFlushQueue {
        queues.withLock { queues in
            let key = ObjectIdentifier(eventLoop)
            if let queue = queues[key] { return queue }
            let queue = WatchFlushQueue(eventLoop: eventLoop)
            queues[key] = queue
            return queue
        }
    }
}
