/// Where a watch's encoded events go. The server writes under its store lock, so `send`
/// must only queue; delivery happens elsewhere (the connection's event loop).
protocol WatchSink: Sendable {
    func send(_ bytes: [UInt8])
    /// Ends the stream normally (timeout, or the server stops the watch).
    func finish()
}
