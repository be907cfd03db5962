import Synchronization

/// How much of a streamed response (a watch) waits for its consumer, shared by the transfer
/// and the consumer: the transfer stops reading from the socket above `limit`, the consumer
/// lets it read again once it has taken all but `limit / 4`.
///
/// Why: the consumer may be slower than the server for a while (a coordinator routing a
/// burst). Without a limit, libcurl kept reading and the chunks piled up in memory without
/// end. Paused, the transfer leaves the bytes in the socket: TCP's window closes and the API
/// server, whose send buffer for the watch then fills, ends the watch as it ends any watcher
/// that cannot keep up. The reflector then lists again, as it would after any lost watch.
final class StreamBackpressure: Sendable {
    private struct State {
        var buffered = 0
        var paused = false
    }

    let limit: Int
    private let state = Mutex(State())
    /// Asks the transfer's event loop to read again.
    private let resume: @Sendable () -> Void

    init(limit: Int, resume: @escaping @Sendable () -> Void) {
        self.limit = max(limit, 1)
        self.resume = resume
    }

    /// Called by the transfer before it hands on `count` bytes; false means pause instead
    /// (and hand them on when resumed). The decision and the consumer's release happen under
    /// one lock, so a resume is never lost.
    func admit(_ count: Int) -> Bool {
        state.withLock { state in
            guard state.buffered < limit else {
                state.paused = true
                return false
            }
            state.buffered += count
            return true
        }
    }

    /// Called by the consumer for each chunk it took.
    func consumed(_ count: Int) {
        let wake = state.withLock { state -> Bool in
            state.buffered -= count
            guard state.paused, state.buffered <= limit / 4 else { return false }
            state.paused = false
            return true
        }
        if wake { resume() }
    }

    var isPaused: Bool { state.withLock(\.paused) }
    var buffered: Int { state.withLock(\.buffered) }
}
