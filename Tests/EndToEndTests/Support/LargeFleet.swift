import Foundation
import KubeClient
import KubeModel

/// The end-to-end fleet: `namespaces` namespaces of `vmsPerNamespace` VMs each, spread over
/// `apps` app labels, and one VirtualMachineService per app (ClusterIP, LoadBalancer and
/// headless in turn). Every other VM has a readiness probe; a third of those report not ready.
struct LargeFleet {
    var namespaces = 10
    var vmsPerNamespace = 50
    var apps = 5

    func namespace(_ n: Int) -> String { "team-\(n)" }
    func vmName(_ i: Int) -> String { "vm-\(i)" }
    func app(_ a: Int) -> String { "app-\(a)" }

    func ip(namespace n: Int, vm i: Int, generation: Int = 0) -> String { "10.\(n).\(generation).\(i + 1)" }

    func vm(namespace n: Int, _ i: Int) -> VirtualMachine {
        let probe = i % 2 == 0 ? VirtualMachineReadinessProbe(tcpSocket: TCPSocketAction(port: .int(8080))) : nil
        return VirtualMachine(
            metadata: ObjectMeta(name: vmName(i), namespace: namespace(n), labels: ["app": app(i % apps)]),
            spec: VirtualMachineSpec(readinessProbe: probe))
    }

    func status(namespace n: Int, vm i: Int, generation: Int = 0, ready: Bool? = nil) -> VirtualMachineStatus {
        let isReady = ready ?? (i % 3 != 0)
        return VirtualMachineStatus(
            network: VirtualMachineNetworkStatus(primaryIP4: ip(namespace: n, vm: i, generation: generation)),
            conditions: [
                Condition(
                    type: "Ready", status: isReady ? "True" : "False", reason: isReady ? "True" : "NotReady",
                    message: "", lastTransitionTime: Time(secondsSince1970: 1_800_000_000))
            ])
    }

    func vmService(namespace n: Int, app a: Int) -> VirtualMachineService {
        let types = ["ClusterIP", "LoadBalancer", "ClusterIP"]
        return VirtualMachineService(
            metadata: ObjectMeta(name: app(a), namespace: namespace(n)),
            spec: VirtualMachineServiceSpec(
                type: types[a % 3],
                ports: [VirtualMachineServicePort(name: "http", protocol: "TCP", port: 80, targetPort: 8080)],
                selector: ["app": app(a)], clusterIP: a % 3 == 2 ? "None" : nil))
    }

    var vmCount: Int { namespaces * vmsPerNamespace }
    var vmServiceCount: Int { namespaces * apps }
}

/// Writes through a KubeClient, many at a time.
struct FleetWriter {
    let client: KubeClient

    func create(_ fleet: LargeFleet) async throws {
        for n in 0..<fleet.namespaces {
            _ = try await client.create(Namespace(metadata: ObjectMeta(name: fleet.namespace(n))))
        }
        try await forEachVM(fleet) { n, i in
            _ = try await client.create(fleet.vm(namespace: n, i))
            try await setStatus(fleet.namespace(n), fleet.vmName(i), fleet.status(namespace: n, vm: i))
        }
        for n in 0..<fleet.namespaces {
            for a in 0..<fleet.apps { _ = try await client.create(fleet.vmService(namespace: n, app: a)) }
        }
    }

    func setStatus(_ namespace: String, _ name: String, _ status: VirtualMachineStatus) async throws {
        let body = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(["status": status]))
        _ = try await client.patch(
            VirtualMachine.self, name: name, namespace: namespace, patch: .merge(body), subresource: "status")
    }

    /// Runs `body` for every (namespace, VM) pair, 32 at a time.
    func forEachVM(
        _ fleet: LargeFleet, where include: (Int, Int) -> Bool = { _, _ in true },
        _ body: @escaping @Sendable (Int, Int) async throws -> Void
    ) async throws {
        let pairs = (0..<fleet.namespaces).flatMap { n in (0..<fleet.vmsPerNamespace).map { (n, $0) } }
            .filter { include($0.0, $0.1) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<min(32, pairs.count) {
                let (n, i) = pairs[next]
                next += 1
                group.addTask { try await body(n, i) }
            }
            while try await group.next() != nil, next < pairs.count {
                let (n, i) = pairs[next]
                next += 1
                group.addTask { try await body(n, i) }
            }
            try await group.waitForAll()
        }
    }
}
