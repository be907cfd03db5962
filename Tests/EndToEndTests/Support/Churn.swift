import Foundation
import KubeClient
import KubeModel
import Synchronization

/// VM IP changes, one after another on random VMs of a fleet, in the background until
/// stopped: the load under which the fault tests break things. It remembers each VM's last
/// IP the API server accepted, so that afterwards every change can be checked to have
/// reached its Endpoints (a change the operator lost would leave an old IP there).
final class Churn: Sendable {
    let fleet: LargeFleet
    private let writer: FleetWriter
    /// (namespace index × VMs per namespace + VM index) → IP generation last accepted.
    private let generations = Mutex<[Int: Int]>([:])
    private let accepted = Mutex(0)
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// Set by `stop()`. Not task cancellation: a write cancelled in flight may have been
    /// applied without the churn knowing, and would then look like a lost update.
    private let stopping = Mutex(false)

    init(fleet: LargeFleet, client: KubeClient) {
        self.fleet = fleet
        self.writer = FleetWriter(client: client)
    }

    /// Changes accepted by the API server so far.
    var changes: Int { accepted.withLock { $0 } }

    /// Starts `concurrency` writers; each retries a change the API server refused (faults
    /// are injected on purpose) and only counts what was accepted.
    func start(concurrency: Int = 4) {
        let running = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<concurrency {
                    group.addTask { await self.loop(writer: writer, of: concurrency) }
                }
            }
        }
        task.withLock { $0 = running }
    }

    /// Stops and waits for the writers to finish their current change.
    func stop() async {
        stopping.withLock { $0 = true }
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        await running?.value
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    /// Each writer changes its own VMs only, so that the last change accepted for a VM is
    /// the one recorded last.
    private func loop(writer: Int, of writers: Int) async {
        let mine = (0..<fleet.vmCount).filter { $0 % writers == writer }
        while !isStopping, let key = mine.randomElement() {
            await change(namespace: key / fleet.vmsPerNamespace, vm: key % fleet.vmsPerNamespace)
        }
    }

    /// One IP change of VM `i` in namespace `n`, retried until accepted or cancelled.
    func change(namespace n: Int, vm i: Int) async {
        let key = n * fleet.vmsPerNamespace + i
        // 1...250 keeps the IP valid (generation 0 is the fleet's initial IP). Only one writer
        // changes a VM, so the next generation follows the last accepted one.
        let generation = generations.withLock { ($0[key] ?? 0) % 250 + 1 }
        while !isStopping {
            do {
                try await writer.setStatus(
                    fleet.namespace(n), fleet.vmName(i), fleet.status(namespace: n, vm: i, generation: generation))
                generations.withLock { $0[key] = generation }
                accepted.withLock { $0 += 1 }
                return
            } catch {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// VMs whose last accepted IP is missing from their service's Endpoints: updates lost.
    /// (Every VM of app `a` is selected by the service `app-a` of its namespace.)
    func lostUpdates(_ client: KubeClient) async throws -> [String] {
        let last = generations.withLock { $0 }
        var lost: [String] = []
        var endpoints: [String: Set<String>] = [:]
        for (key, generation) in last.sorted(by: { $0.key < $1.key }) {
            let (n, i) = (key / fleet.vmsPerNamespace, key % fleet.vmsPerNamespace)
            let service = "\(fleet.namespace(n))/\(fleet.app(i % fleet.apps))"
            if endpoints[service] == nil {
                let object = try await client.get(Endpoints.self, name: fleet.app(i % fleet.apps), namespace: fleet.namespace(n))
                endpoints[service] = Set(
                    (object.subsets ?? []).flatMap { ($0.addresses ?? []) + ($0.notReadyAddresses ?? []) }.map(\.ip))
            }
            let ip = fleet.ip(namespace: n, vm: i, generation: generation)
            if endpoints[service]?.contains(ip) != true { lost.append("\(fleet.namespace(n))/\(fleet.vmName(i)) \(ip)") }
        }
        return lost
    }
}
