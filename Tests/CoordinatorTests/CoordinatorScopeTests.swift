import Foundation
import KubeClient
import KubeModel
import ShardProtocol
import Testing
import Worker

@testable import Coordinator

/// What the coordinator serves: the namespace selector, worker capacity, and a worker
/// taking its id over from a connection the coordinator still holds.
@Suite(.timeLimit(.minutes(1))) struct CoordinatorScopeTests {
    func populate(_ coordinator: Coordinator, _ namespaces: [String]) async {
        for namespace in namespaces {
            await coordinator.ingest(Fixtures.added(Fixtures.vmService(namespace, "web")))
            await coordinator.ingest(Fixtures.added(Fixtures.vm(namespace, "vm1")))
        }
    }

    func namespace(_ name: String, _ labels: [String: String] = [:]) -> Namespace {
        Namespace(metadata: ObjectMeta(name: name, uid: "uid-\(name)", labels: labels))
    }

    @Test func onlySelectedNamespacesAreServedAndOneThatStopsMatchingIsReleased() async throws {
        let harness = try Harness { $0.namespaceSelector = try? Selector.parse("vmsvc=on") }
        await populate(harness.coordinator, ["ns-1", "ns-2", "ns-3"])
        let worker = try harness.client("w-a")
        await harness.coordinator.ingest(
            .replaced(
                objects: [namespace("ns-1", ["vmsvc": "on"]), namespace("ns-2"), namespace("ns-3", ["vmsvc": "off"])],
                deleted: []))
        #expect(await worker.waitFor { RecordingClient.owned($0) == ["ns-1"] })

        await harness.coordinator.ingest(.updated(old: namespace("ns-2"), new: namespace("ns-2", ["vmsvc": "on"])))
        #expect(await worker.waitFor { RecordingClient.owned($0) == ["ns-1", "ns-2"] })

        await harness.coordinator.ingest(.updated(old: namespace("ns-1", ["vmsvc": "on"]), new: namespace("ns-1")))
        #expect(
            await harness.waitFor { $0.contains { if case .revoked("ns-1", "w-a", _) = $0 { true } else { false } } })
        #expect(await worker.waitFor { RecordingClient.owned($0) == ["ns-2"] })
        #expect(await harness.coordinator.assignments["ns-1"] == nil, "released, not moved")

        // Changes in the released namespace reach no worker; the others' still flow.
        for (namespace, ip) in [("ns-1", "10.0.0.7"), ("ns-2", "10.0.0.8")] {
            let moved = Fixtures.vm(namespace, "vm1", ip: ip, resourceVersion: "2")
            await harness.coordinator.ingest(Fixtures.updated(Fixtures.vm(namespace, "vm1"), moved))
        }
        #expect(await worker.waitFor { ShardTransportTests.deltaIPs($0, "ns-2") == ["10.0.0.8"] })
        #expect(ShardTransportTests.deltaIPs(await worker.inputs.events, "ns-1").isEmpty)

        let observation = await harness.coordinator.observation
        #expect(observation.namespacesInScope == 1)
        #expect(observation.counters.namespacesEnteredScope == 2)
        #expect(observation.counters.namespacesLeftScope == 1)
        await harness.stop()
    }

    @Test func noNamespaceIsAssignedBeforeEveryAwaitedListHasArrived() async throws {
        let harness = try Harness { $0.awaitedLists = ["virtualmachineservices", "virtualmachines"] }
        let worker = try harness.client("w-a")
        // The VirtualMachineServices are listed; the VMs are not yet.
        await harness.coordinator.ingest(.replaced(objects: [LenientObject(Fixtures.vmService("ns-1", "web"))], deleted: []))
        #expect(await harness.waitFor { $0.contains(.workerJoined("w-a")) })
        #expect(await harness.coordinator.assignments.isEmpty, "a snapshot now would have no VMs")

        await harness.coordinator.ingest(.replaced(objects: [LenientObject(Fixtures.vm("ns-1", "vm1"))], deleted: []))
        #expect(await worker.waitFor { RecordingClient.owned($0) == ["ns-1"] })
        let snapshots = await worker.inputs.events.compactMap { input -> NamespaceSnapshot? in
            if case .snapshot(let snapshot) = input { snapshot } else { nil }
        }
        #expect(snapshots.map { $0.vms.map(\.name) } == [["vm1"]], "the first snapshot already has the VM")
        await harness.stop()
    }

    @Test func namespacesBeyondAWorkersCapacityWaitForRoomAndAreCounted() async throws {
        let harness = try Harness(heartbeat: .seconds(2))
        let namespaces = ["ns-1", "ns-2", "ns-3", "ns-4"]
        await populate(harness.coordinator, namespaces)
        let small = try RawWorker(harness, id: "small", maxNamespaces: 2)
        #expect(await harness.waitFor { $0.assignedNamespaces(to: "small").count == 2 })
        _ = small
        #expect(await harness.coordinator.observation.namespacesOverCapacity == 2)

        let large = try RawWorker(harness, id: "large")
        _ = large
        #expect(await harness.waitFor { events in
            Set(events.assignedNamespaces(to: "small") + events.assignedNamespaces(to: "large")) == Set(namespaces)
        })
        #expect(await harness.coordinator.observation.namespacesOverCapacity == 0)
        await harness.stop()
    }

    @Test func aReconnectingWorkerTakesItsIdOverWhileTheOldConnectionLives() async throws {
        let harness = try Harness(heartbeat: .seconds(2))
        let old = try RawWorker(harness, id: "w")
        #expect(await old.next { $0.welcome } != nil)
        let new = try RawWorker(harness, id: "w")
        #expect(await new.next { $0.welcome } != nil)
        await harness.stop()
    }
}

extension [CoordinatorEvent] {
    func assignedNamespaces(to worker: String) -> [String] {
        compactMap { event in
            if case .assigned(let namespace, worker, _) = event { namespace } else { nil }
        }
    }
}

extension ShardEnvelope {
    var welcome: ShardWelcome? {
        if case .welcome(let welcome) = body { welcome } else { nil }
    }
}
