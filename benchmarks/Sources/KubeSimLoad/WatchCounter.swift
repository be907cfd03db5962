import Synchronization

/// Watch events delivered to the generator's watchers, and how many watches are open.
final class WatchCounter: Sendable {
    let events = Atomic<Int>(0)
    let open = Atomic<Int>(0)

    /// Watches the collection from `resourceVersion` on, counting one event per line of the
    /// stream (kube-sim writes each event as one JSON line; string contents escape newlines),
    /// until the server ends the watch.
    func watch(host: String, port: Int, path: String) throws {
        let connection = try HTTPConnection(host: host, port: port)
        try connection.stream(path, onOpen: { open.add(1, ordering: .relaxed) }) { payload in
            var lines = 0
            for byte in payload where byte == UInt8(ascii: "\n") { lines += 1 }
            events.add(lines, ordering: .relaxed)
            return true
        }
    }
}
