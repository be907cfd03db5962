import KubeModel
import Logging
import VMServiceCore

@testable import Worker

/// A worker wired to a fake API server and a manual clock, plus the steps tests repeat.
struct WorkerHarness {
    let clock = ManualClock()
    let api = FakeKubeWriter()
    let worker: Worker<ManualClock>
    let epoch: UInt64 = 1
    private(set) var sequence: UInt64 = 0

    init(configure: (inout WorkerConfiguration) -> Void = { _ in }) {
        var configuration = WorkerConfiguration()
        configuration.identity = "worker-test"
        configuration.wallClock = { MicroTime(microsecondsSince1970: 1_800_000_000_000_000) }
        configuration.random = { 0 }
        configure(&configuration)
        worker = Worker(writer: api, clock: clock, configuration: configuration, logger: Self.quiet)
    }

    var batchPeriod: Duration { .milliseconds(50) }

    /// Failure scenarios log on purpose; the tests assert on Events and metrics instead.
    static let quiet = Logger(label: "vmsvc.worker.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Assigns the namespace and sends its snapshot; the VirtualMachineServices are also
    /// stored in the fake API, as they would be in a cluster.
    mutating func start(
        vms: [VMProjection], vmServices: [VirtualMachineService], services: [Service] = [], endpoints: [Endpoints] = [],
        endpointSlices: [EndpointSlice] = []
    ) async throws {
        for vmService in vmServices { try await api.seed(vmService) }
        await worker.handle(.assign(namespace: Fixture.namespace, epoch: epoch))
        await worker.handle(
            .snapshot(
                NamespaceSnapshot(
                    namespace: Fixture.namespace, epoch: epoch, sequence: sequence, vms: vms, vmServices: vmServices,
                    services: services, endpoints: endpoints, endpointSlices: endpointSlices)))
    }

    /// The common scenario: one service, `web`, selecting `app=web`, and `vmCount` such VMs.
    mutating func startWeb(vmCount: Int) async throws {
        try await start(
            vms: Fixture.vms("web", count: vmCount, app: "web", subnet: 1),
            vmServices: [Fixture.vmService("web", selector: ["app": "web"])])
    }

    /// Sends the next delta.
    mutating func send(_ changes: [NamespaceChange]) async {
        sequence += 1
        await worker.handle(.delta(namespace: Fixture.namespace, epoch: epoch, sequence: sequence, changes: changes))
    }

    /// Lets the batch window close and waits until every resulting pass finished.
    func settle() async {
        clock.advance(by: batchPeriod)
        await worker.waitUntilIdle()
    }

    /// Every write so far, as text (`create Service web`).
    func writes() async -> [String] { await api.writes.map(\.description) }
}
