import Foundation
import ShardProtocol
import ZeroMQ

/// A worker speaking the protocol by hand over a bare DEALER, so a test controls exactly
/// what is acknowledged and requested. It says Hello on creation.
final class RawWorker {
    private let socket: ZMQSocket
    private let codec = ShardCodec()

    init(_ harness: Harness, id: String, maxInFlight: UInt32 = 256, maxNamespaces: UInt32 = 0) throws {
        socket = try harness.context.socket(.dealer)
        try socket.set(.routingID, to: Array(id.utf8))
        try socket.connect(harness.endpoint)
        var hello = ShardHello()
        hello.workerID = id
        hello.protocolVersion = ShardCodec.currentVersion
        hello.capacity.maxInFlight = maxInFlight
        hello.capacity.maxNamespaces = maxNamespaces
        try send(.hello(hello))
    }

    func send(_ body: ShardEnvelope.OneOf_Body) throws {
        try socket.send([try codec.encode(body)])
    }

    /// The next received frame `pick` accepts (others, e.g. heartbeats, are skipped); nil
    /// when none arrives within `timeout`. Waits in short slices and yields between them, so
    /// the coordinator's tasks keep running on the (small) cooperative pool meanwhile.
    func next<T>(timeout: Duration = .seconds(5), _ pick: (ShardEnvelope) -> T?) async -> T? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let frames = try? socket.receive(timeout: .milliseconds(10)) else {
                await Task.yield()
                continue
            }
            guard let payload = frames.last, let envelope = try? codec.decode(payload) else { continue }
            if let picked = pick(envelope) { return picked }
        }
        return nil
    }

    deinit {
        socket.close()
    }
}
