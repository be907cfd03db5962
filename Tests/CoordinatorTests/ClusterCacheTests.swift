import Foundation
import KubeClient
import KubeModel
import Testing
import VMServiceCore

@testable import Coordinator

@Suite struct ClusterCacheTests {
    @Test func vmUpdateThatChangesNoEndpointFieldIsDropped() {
        var cache = ClusterCache()
        _ = cache.apply(Fixtures.added(Fixtures.vmService("a", "web")))
        let vm = Fixtures.vm("a", "vm1")
        #expect(cache.apply(Fixtures.added(vm)).count == 1)
        // A new resourceVersion and annotations: §2.2 ignores both.
        let touched = Fixtures.vm("a", "vm1", resourceVersion: "2", annotations: ["note": "x"])
        #expect(cache.apply(Fixtures.updated(vm, touched)).isEmpty)
        #expect(cache.counters.droppedVMUpdates == 1)
    }

    @Test func relevantVMUpdateIsRoutedToItsNamespace() {
        var cache = ClusterCache()
        let vmA = Fixtures.vm("a", "vm1")
        let vmB = Fixtures.vm("b", "vm1")
        _ = cache.apply(Fixtures.added(vmA))
        _ = cache.apply(Fixtures.added(vmB))
        let moved = Fixtures.vm("b", "vm1", ip: "10.0.0.2", resourceVersion: "2")
        let changes = cache.apply(Fixtures.updated(vmB, moved))
        #expect(changes == [NamespacedChange(namespace: "b", change: .vmUpserted(VMProjection(moved)))])
        #expect(cache.counters.droppedVMUpdates == 0)
    }

    @Test func vmDeleteCarriesTheLastLabels() {
        var cache = ClusterCache()
        let vm = Fixtures.vm("a", "vm1", labels: ["app": "db"])
        _ = cache.apply(Fixtures.added(vm))
        let changes = cache.apply(.deleted(LenientObject(vm)))
        #expect(changes == [NamespacedChange(namespace: "a", change: .vmDeleted(name: "vm1", uid: "uid-a-vm1", lastLabels: ["app": "db"]))])
    }

    @Test func malformedObjectInAListIsSkippedAndTheOthersApplied() throws {
        let list = """
            {"kind": "VirtualMachineList", "metadata": {"resourceVersion": "5"}, "items": [
              {"metadata": {"name": "good", "namespace": "a", "uid": "u1"}, "status": {"network": {"primaryIP4": "10.0.0.1"}}},
              {"metadata": {"name": "bad", "namespace": "a", "uid": "u2", "labels": 7}},
              {"metadata": {"name": "also-good", "namespace": "a", "uid": "u3"}}
            ]}
            """
        let decoded = try JSONDecoder().decode(ObjectList<LenientObject<VirtualMachine>>.self, from: Data(list.utf8))
        #expect(decoded.items.count == 3)
        #expect(decoded.items[1].metadata.name == "bad")
        var cache = ClusterCache()
        let changes = cache.apply(.replaced(objects: decoded.items, deleted: []))
        #expect(changes.map(\.change.vmName) == ["good", "also-good"])
        #expect(cache.counters.malformedObjects == 1)
    }

    @Test func unownedServiceIsForwardedOnlyOnceAVMServiceTakesItsName() {
        var cache = ClusterCache()
        let foreign = Fixtures.service("a", "web")
        #expect(cache.apply(Fixtures.added(foreign)).isEmpty)
        #expect(cache.counters.ignoredChildUpdates == 1)
        let vmService = Fixtures.vmService("a", "web")
        let changes = cache.apply(Fixtures.added(vmService))
        #expect(changes.count == 2)
        // The worker gets the foreign Service's identity and ownership: enough to refuse adopting it.
        guard case .serviceUpserted(let stub) = changes.last?.change else {
            Issue.record("expected the same-named Service, got \(changes)")
            return
        }
        #expect(stub.metadata.uid == foreign.metadata.uid)
        #expect(stub.metadata.controllerReference == nil)
        #expect(cache.content(of: "a").services.map(\.name) == ["web"])
    }

    @Test func serviceOwnedByAVMServiceIsForwardedInFull() {
        var cache = ClusterCache()
        let owner = Fixtures.vmService("a", "other")
        let owned = Fixtures.service("a", "web", ownedBy: owner)
        #expect(cache.apply(Fixtures.added(owned)) == [NamespacedChange(namespace: "a", change: .serviceUpserted(owned))])
        #expect(cache.content(of: "a").services == [owned])
    }

    @Test func onlyNamespacesWithAVMServiceAreActive() {
        var cache = ClusterCache()
        _ = cache.apply(Fixtures.added(Fixtures.vm("a", "vm1")))
        _ = cache.apply(Fixtures.added(Fixtures.vmService("b", "web")))
        #expect(cache.activeNamespaces == ["b"])
        _ = cache.apply(.deleted(LenientObject(Fixtures.vmService("b", "web"))))
        #expect(cache.activeNamespaces.isEmpty)
    }
}

extension ClusterChange {
    fileprivate var vmName: String? {
        if case .vmUpserted(let vm) = self { return vm.name }
        return nil
    }
}
