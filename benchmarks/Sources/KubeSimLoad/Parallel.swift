import Foundation
import Synchronization

/// Runs blocking work on dedicated threads (one per connection: each blocks in read/write,
/// so a thread pool sized to the cores would serialise them).
enum Parallel {
    /// Runs `work(index)` for every index on its own thread and waits for all; the first
    /// error any of them threw is rethrown.
    static func run(_ count: Int, _ work: @escaping @Sendable (Int) throws -> Void) throws {
        let group = DispatchGroup()
        let failure = Mutex<(any Error)?>(nil)
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                do { try work(index) } catch { failure.withLock { if $0 == nil { $0 = error } } }
                group.leave()
            }
            thread.start()
        }
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Starts `work(index)` on its own thread per index without waiting.
    static func detach(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        for index in 0..<count {
            Thread { work(index) }.start()
        }
    }
}
