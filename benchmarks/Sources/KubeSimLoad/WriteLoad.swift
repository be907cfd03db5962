import Foundation
import Synchronization

/// The ceiling measurement: writers patch VMs as fast as kube-sim answers while watchers
/// count the events it fans out. With `--get`, the connections read instead of writing.
struct WriteLoad {
    let options: LoadOptions

    func run() throws {
        try Setup.namespace(options)
        try Setup.virtualMachines(options.objects, options)
        let collection = VirtualMachineFixture.collectionPath(namespace: options.namespace)
        let revision = try Setup.currentResourceVersion(options)
        let counter = WatchCounter()
        let options = self.options
        try counter.watch(
            count: options.watchers, host: options.host, port: options.port,
            path: "\(collection)?watch=true&resourceVersion=\(revision)&timeoutSeconds=\(Int(options.seconds) + 60)")

        let latencies = Mutex<[UInt64]>([])
        let serverBefore = options.pid.flatMap { ProcessStats.read(pid: $0) }
        let selfBefore = ProcessStats.read(pid: nil)
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(options.seconds * 1e9)
        try Parallel.run(options.connections) { worker in
            let connection = try HTTPConnection(host: options.host, port: options.port)
            var samples: [UInt64] = []
            samples.reserveCapacity(200_000)
            var index = worker
            var sequence = 0
            // Paced: each connection's batches are due at fixed intervals, staggered.
            let batch = options.pipeline
            let interval = options.rate > 0 ? UInt64(Double(options.connections * batch) / options.rate * 1e9) : 0
            var due = start + interval * UInt64(worker) / UInt64(options.connections)
            var requests: [HTTPConnection.Request] = []
            while true {
                if interval > 0 {
                    var now = DispatchTime.now().uptimeNanoseconds
                    while due > now {
                        usleep(UInt32(min((due - now) / 1_000, 1_000_000)))
                        now = DispatchTime.now().uptimeNanoseconds
                    }
                    due += interval
                }
                let sent = DispatchTime.now().uptimeNanoseconds
                if sent >= deadline { break }
                requests.removeAll(keepingCapacity: true)
                for _ in 0..<batch {
                    if let path = options.getPath {
                        requests.append(.init(method: "GET", path: path))
                    } else {
                        requests.append(
                            .init(
                                method: "PATCH", path: "\(collection)/vm-\(index)",
                                contentType: "application/merge-patch+json",
                                body: VirtualMachineFixture.patch(sequence: sequence)))
                    }
                    sequence += 1
                    index += options.connections
                    if index >= options.objects { index = worker }
                }
                try connection.send(requests)
                for request in requests {
                    let response = try connection.receive()
                    guard response.status == 200 else {
                        throw LoadError.unexpected("\(request.method) \(request.path): HTTP \(response.status)")
                    }
                    // With pipelining, a request's latency runs from its batch's send.
                    samples.append(DispatchTime.now().uptimeNanoseconds - sent)
                }
            }
            latencies.withLock { $0.append(contentsOf: samples) }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let deliveredInWindow = counter.events.load(ordering: .relaxed)
        let serverAfter = options.pid.flatMap { ProcessStats.read(pid: $0) }
        let selfAfter = ProcessStats.read(pid: nil)
        let writes = latencies.withLock { $0.count }
        let expected = writes * options.watchers
        let drained = waitForDelivery(counter, expected: expected)
        let summary = LatencySummary(nanoseconds: latencies.withLock { $0 })

        print("connections \(options.connections), pipeline \(options.pipeline), watchers \(options.watchers), objects \(options.objects), \(format(elapsed)) s")
        let (label, unit) = options.getPath.map { ("GET \($0)", "request") } ?? ("writes", "write")
        print("\(label): \(writes) (\(format(Double(writes) / elapsed))/s), latency p50 \(format(summary.p50)) µs, p99 \(format(summary.p99)) µs, max \(format(summary.max)) µs")
        print("watch events delivered in the window: \(deliveredInWindow) (\(format(Double(deliveredInWindow) / elapsed))/s); after draining: \(drained) of \(expected)")
        if let before = serverBefore, let after = serverAfter {
            let cpu = after.cpuSeconds - before.cpuSeconds
            print("kube-sim CPU: \(format(cpu)) s = \(format(cpu / elapsed * 100)) % of one core, \(format(cpu / Double(max(writes, 1)) * 1e6)) µs per \(unit) (fan-out included)")
        }
        if let before = selfBefore, let after = selfAfter {
            print("load generator CPU: \(format((after.cpuSeconds - before.cpuSeconds) / elapsed * 100)) % of one core")
        }
    }

    /// Waits (up to 10 s, while the count still moves) for the watchers to receive every
    /// event of the run; returns how many arrived.
    private func waitForDelivery(_ counter: WatchCounter, expected: Int) -> Int {
        var last = -1
        var stalls = 0
        while stalls < 100 {
            let now = counter.events.load(ordering: .relaxed)
            if now >= expected { return now }
            stalls = now == last ? stalls + 1 : 0
            last = now
            usleep(100_000)
        }
        return last
    }
}

func format(_ value: Double) -> String {
    value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)
}
