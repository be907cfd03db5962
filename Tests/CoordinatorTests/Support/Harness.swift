import Coordinator
import Foundation
import ShardProtocol
import Synchronization
import Worker
import ZeroMQ

/// An in-process coordinator on `inproc://` with workers' transports in the same ZeroMQ
/// context, and logs of what each side did. `stop()` — or, when a test ends early, the
/// harness going away — shuts down the coordinator and every client made through it, so
/// no socket thread outlives its test.
final class Harness: Sendable {
    let context: ZMQContext
    let endpoint: String
    let coordinator: Coordinator
    let events: EventLog<CoordinatorEvent>
    private let runTask: Task<Void, any Error>
    private let clients = Mutex<[ShardClient]>([])

    /// A new coordinator. `replacing` an earlier harness whose coordinator was stopped, it
    /// stands in for a restarted coordinator: same context and endpoint, and it takes over
    /// the earlier harness's clients, which reconnect to it.
    ///
    /// The default liveness (2 s) is generous on purpose: the whole test process shares a
    /// cooperative pool of as many threads as cores, and while other suites hog it the
    /// coordinator's heartbeats and bookkeeping stall; a short liveness would then make
    /// peers declare each other dead and resynchronise in the middle of a test.
    init(
        heartbeat: Duration = .milliseconds(100), liveness: Int = 20, replacing earlier: Harness? = nil,
        endpoint: String? = nil, configure: (inout CoordinatorConfig) -> Void = { _ in }
    ) throws {
        self.context = try earlier?.context ?? ZMQContext()
        self.endpoint = earlier?.endpoint ?? endpoint ?? "inproc://coordinator-\(UUID().uuidString)"
        var config = CoordinatorConfig(listen: self.endpoint)
        config.context = self.context
        config.heartbeatInterval = heartbeat
        config.heartbeatLiveness = liveness
        configure(&config)
        let coordinator = try Coordinator(config: config)
        self.coordinator = coordinator
        events = EventLog(recording: coordinator.events)
        runTask = Task { try await coordinator.run() }
        if let earlier {
            let taken = earlier.clients.withLock { list in defer { list = [] }; return list }
            clients.withLock { $0 = taken }
        }
    }

    /// A worker transport whose inputs are recorded and acknowledged as an engine would.
    func client(
        _ id: String, heartbeat: Duration = .milliseconds(100), liveness: Int = 20, maxInFlight: UInt32 = 256
    ) throws -> RecordingClient {
        var config = ShardClientConfig(workerID: id, endpoint: endpoint)
        config.context = context
        config.heartbeatInterval = heartbeat
        config.heartbeatLiveness = liveness
        config.maxInFlight = maxInFlight
        return try client(config: config)
    }

    /// A worker transport with a configuration of the test's own (another endpoint, keys).
    func client(config: ShardClientConfig) throws -> RecordingClient {
        let recording = try RecordingClient(config: config)
        clients.withLock { $0.append(recording.client) }
        return recording
    }

    func waitFor(_ predicate: @escaping @Sendable ([CoordinatorEvent]) -> Bool) async -> Bool {
        await events.wait(until: predicate)
    }

    /// Shuts down the coordinator and every client.
    func stop() async {
        shutdownAll()
        _ = try? await runTask.value
    }

    /// Shuts down the coordinator only, as if it had died; the clients carry on.
    func stopCoordinator() async {
        coordinator.shutdown()
        _ = try? await runTask.value
    }

    private func shutdownAll() {
        for client in clients.withLock({ $0 }) { client.shutdown() }
        coordinator.shutdown()
    }

    deinit {
        shutdownAll()
    }
}

/// A `ShardClient` driven by the test instead of an engine: every input is recorded and
/// acknowledged (snapshots and deltas with an Ack, revokes with a RevokeAck).
final class RecordingClient: Sendable {
    let client: ShardClient
    let inputs: EventLog<WorkerInput>

    init(config: ShardClientConfig) throws {
        client = try ShardClient(config: config)
        let (stream, sink) = AsyncStream<WorkerInput>.makeStream()
        inputs = EventLog(recording: stream)
        let client = self.client
        client.start()
        Task {
            for await input in client.inputs {
                switch input {
                case .snapshot(let snapshot):
                    client.send(.ack(namespace: snapshot.namespace, epoch: snapshot.epoch, sequence: snapshot.sequence))
                case .delta(let namespace, let epoch, let sequence, _, _):
                    client.send(.ack(namespace: namespace, epoch: epoch, sequence: sequence))
                case .revoke(let namespace, let epoch):
                    client.acknowledgeRevoke(namespace: namespace, epoch: epoch)
                case .assign:
                    break
                }
                sink.yield(input)
            }
            sink.finish()
        }
    }

    func waitFor(_ predicate: @escaping @Sendable ([WorkerInput]) -> Bool) async -> Bool {
        await inputs.wait(until: predicate)
    }

    /// The namespaces this worker holds a complete snapshot of and has not been revoked from.
    static func owned(_ inputs: [WorkerInput]) -> Set<String> {
        var owned = Set<String>()
        for input in inputs {
            switch input {
            case .snapshot(let snapshot): owned.insert(snapshot.namespace)
            case .revoke(let namespace, _): owned.remove(namespace)
            case .assign, .delta: break
            }
        }
        return owned
    }
}
