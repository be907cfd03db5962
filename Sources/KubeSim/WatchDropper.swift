import Foundation
import NIOCore
import Synchronization

/// Fault injection: ends every open watch each `dropWatchesEverySeconds` (read on every tick,
/// so `/admin/faults` can switch it on and off while running).
enum WatchDropper {
    static let tick = TimeAmount.milliseconds(100)

    static func start(on loop: any EventLoop, server: APIServer) -> RepeatedTask {
        let lastDrop = Mutex(Date())
        return loop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
            let interval = server.faults.withLock { $0.dropWatchesEverySeconds }
            guard interval > 0 else {
                lastDrop.withLock { $0 = Date() }
                return
            }
            let due = lastDrop.withLock { last -> Bool in
                guard Date().timeIntervalSince(last) >= interval else { return false }
                last = Date()
                return true
            }
            if due { server.dropAllWatches() }
        }
    }
}
