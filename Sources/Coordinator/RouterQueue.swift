import ZeroMQ

/// Messages waiting for the ROUTER, in order per worker. A message to a worker whose pipe is
/// full stays queued, with every later message to that worker behind it, while messages
/// to other workers go on; one slow worker never holds up the rest.
struct RouterQueue {
    private var messages: [[[UInt8]]] = []

    var isEmpty: Bool { messages.isEmpty }

    mutating func append(_ more: [[[UInt8]]]) {
        messages += more
    }

    /// Sends what the ROUTER takes now; returns the workers found not connected (their
    /// messages are dropped: the coordinator resynchronises them if they come back).
    mutating func flush(through router: ZMQSocket) throws(ZMQError) -> [String] {
        var blocked: Set<[UInt8]> = []
        var unreachable: [String] = []
        var kept: [[[UInt8]]] = []
        for message in messages {
            let peer = message.first ?? []
            if blocked.contains(peer) {
                kept.append(message)
                continue
            }
            do {
                if try !router.trySend(message) {
                    blocked.insert(peer)
                    kept.append(message)
                }
            } catch where error == .hostUnreachable {
                let worker = String(decoding: peer, as: UTF8.self)
                if unreachable.last != worker { unreachable.append(worker) }
            }
        }
        messages = kept
        return unreachable
    }
}
