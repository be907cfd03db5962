#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Watch events delivered to the generator's watchers.
///
/// All watches are read by one thread polling their sockets into one reused buffer, and
/// events are counted without decoding the chunked framing: kube-sim writes each event as one
/// JSON object on one line, so every event ends in `}` + newline and nothing else does
/// (string contents escape newlines; chunk-size lines end in a hexadecimal digit). A watcher
/// thread per socket cost the generator as much CPU as the fan-out cost kube-sim.
final class WatchCounter: Sendable {
    let events = Atomic<Int>(0)

    /// Opens `count` watches of `path` (the connections stay open for the process's life) and
    /// counts their events on a background thread until every stream has ended.
    func watch(count: Int, host: String, port: Int, path: String) throws {
        var streams: [Stream] = []
        for _ in 0..<count {
            let connection = try HTTPConnection(host: host, port: port)
            let (fd, received) = try connection.openStream(path)
            var stream = Stream(connection: connection, fd: fd)
            events.add(stream.count(received), ordering: .relaxed)
            streams.append(stream)
        }
        let reader = Reader(streams: streams, counter: self)
        Parallel.detach(1) { _ in reader.run() }
    }

    /// One watch socket and the last byte read from it (an event's `}` and newline may
    /// arrive in different reads).
    fileprivate struct Stream {
        let connection: HTTPConnection
        let fd: Int32
        var last: UInt8 = 0

        /// Jumps from newline to newline with `memchr`: looking at every byte cost the
        /// generator half a core at 180k events/s (about 540 MB/s), and so capped the fan-out
        /// it could measure on two cores.
        mutating func count(_ bytes: UnsafeRawBufferPointer) -> Int {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
            var events = 0
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) {
                let index = base.distance(to: UnsafeRawPointer(found))
                if (index > 0 ? bytes[index - 1] : last) == UInt8(ascii: "}") { events += 1 }
                offset = index + 1
            }
            last = bytes[bytes.count - 1]
            return events
        }

        mutating func count(_ bytes: [UInt8]) -> Int {
            bytes.withUnsafeBytes { count($0) }
        }
    }

    /// Owns the streams once they are open; only its thread touches them.
    fileprivate final class Reader: @unchecked Sendable {
        // @unchecked: `streams` is handed over before the thread starts and is read and
        // written only by that thread afterwards.
        private var streams: [Stream]
        private let counter: WatchCounter

        init(streams: [Stream], counter: WatchCounter) {
            self.streams = streams
            self.counter = counter
        }

        func run() {
            var fds = streams.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 1)
            defer { buffer.deallocate() }
            var live = fds.count
            while live > 0 {
                guard poll(&fds, nfds_t(fds.count), 1_000) >= 0 else { return }
                for index in fds.indices where fds[index].revents != 0 {
                    let n = read(fds[index].fd, buffer.baseAddress, buffer.count)
                    if n <= 0 {
                        fds[index].fd = -1
                        live -= 1
                        continue
                    }
                    let events = streams[index].count(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
                    counter.events.add(events, ordering: .relaxed)
                }
            }
        }
    }
}
