import Coordinator
import Foundation
import KubeClient
import KubeModel
import KubeSim
import Testing
import Worker
import ZeroMQ

/// kube-sim, a coordinator reading it through reflectors, and two workers (transport and
/// engine) writing back through `KubeClient`, all in one process over `inproc://`.
@Suite(.timeLimit(.minutes(2))) struct EndToEndTests {
    static let crdDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/crds").path
    static let namespaces = ["team-a", "team-b", "team-c", "team-d"]

    @Test func coordinatorAndTwoWorkersConvergeEveryNamespace() async throws {
        let sim = KubeSim(configuration: KubeSimConfiguration(crdDirectories: [Self.crdDirectory], threads: 1))
        let port = try await sim.start()
        let kube = KubeClient(config: ClusterConfig(server: "http://127.0.0.1:\(port)"))
        for (index, namespace) in Self.namespaces.enumerated() {
            _ = try await kube.create(Namespace(metadata: ObjectMeta(name: namespace)))
            try await createVM(kube, namespace, "vm-1", ip: "10.1.\(index).1")
            _ = try await kube.create(Fixtures.vmService(namespace, "web").forCreation)
        }

        let context = try ZMQContext()
        let endpoint = "inproc://e2e-\(UUID().uuidString)"
        var config = CoordinatorConfig(listen: endpoint)
        config.context = context
        config.kubeClient = kube
        config.heartbeatInterval = .milliseconds(200)
        let coordinator = try Coordinator(config: config)
        let coordinatorTask = Task { try await coordinator.run() }
        var workerTasks: [Task<Void, Never>] = []
        var clients: [ShardClient] = []
        for id in ["worker-1", "worker-2"] {
            var clientConfig = ShardClientConfig(workerID: id, endpoint: endpoint)
            clientConfig.context = context
            clientConfig.heartbeatInterval = .milliseconds(200)
            let client = try ShardClient(config: clientConfig)
            var workerConfig = WorkerConfiguration()
            workerConfig.identity = id
            let worker = Worker(writer: KubeClientWriter(client: kube), clock: ContinuousClock(), configuration: workerConfig)
            clients.append(client)
            workerTasks.append(Task { await client.run(driving: worker) })
        }
        // Also when an expectation throws: no socket thread outlives the test.
        defer {
            for client in clients { client.shutdown() }
            coordinator.shutdown()
        }

        let endpoints = EventLog(recording: Reflector<Endpoints>(client: kube).events())
        let converged = await endpoints.wait(timeout: .seconds(60)) { events in
            let latest = Self.addresses(events)
            return Self.namespaces.enumerated().allSatisfy { latest[$1] == ["10.1.\($0).1"] }
        }
        #expect(converged)
        for namespace in Self.namespaces {
            let service = try await kube.get(Service.self, name: "web", namespace: namespace)
            #expect(service.metadata.controllerReference?.kind == "VirtualMachineService")
        }
        let assignments = await coordinator.assignments
        #expect(Set(assignments.keys) == Set(Self.namespaces))
        #expect(Set(assignments.values.map(\.worker)).isSubset(of: ["worker-1", "worker-2"]))

        // A change after convergence travels as a delta and lands in the Endpoints.
        var vm = try await kube.get(VirtualMachine.self, name: "vm-1", namespace: "team-b")
        vm.status = VirtualMachineStatus(network: VirtualMachineNetworkStatus(primaryIP4: "10.9.9.9"))
        _ = try await kube.updateStatus(vm)
        #expect(await endpoints.wait(timeout: .seconds(30)) { Self.addresses($0)["team-b"] == ["10.9.9.9"] })

        await endpoints.stop()
        for client in clients { client.shutdown() }
        for task in workerTasks { await task.value }
        coordinator.shutdown()
        _ = try? await coordinatorTask.value
        try await sim.stop()
    }

    private func createVM(_ kube: KubeClient, _ namespace: String, _ name: String, ip: String) async throws {
        var vm = try await kube.create(
            VirtualMachine(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["app": "web"])))
        vm.status = VirtualMachineStatus(
            network: VirtualMachineNetworkStatus(primaryIP4: ip),
            conditions: [Condition(type: "Ready", status: "True", reason: "Ready", message: "", lastTransitionTime: Time(secondsSince1970: 0))])
        _ = try await kube.updateStatus(vm)
    }

    /// Namespace → every address (ready or not) of the Endpoints named `web`, as last seen.
    static func addresses(_ events: [ReflectorEvent<Endpoints>]) -> [String: [String]] {
        var latest: [String: Endpoints] = [:]
        for event in events {
            switch event {
            case .added(let object), .updated(_, let object): latest[object.namespace] = object
            case .deleted(let object): latest[object.namespace] = nil
            case .replaced(let objects, _):
                for object in objects { latest[object.namespace] = object }
            }
        }
        return latest.filter { $0.value.name == "web" }.mapValues { endpoints in
            (endpoints.subsets ?? []).flatMap { ($0.addresses ?? []) + ($0.notReadyAddresses ?? []) }.map(\.ip).sorted()
        }
    }
}

extension VirtualMachineService {
    /// The object as a client creates it: no uid or resourceVersion.
    fileprivate var forCreation: VirtualMachineService {
        var copy = self
        copy.metadata.uid = nil
        copy.metadata.resourceVersion = nil
        return copy
    }
}
