import Foundation
import KubeClient
import KubeModel
import ShardProtocol
import Testing

@testable import Coordinator
@testable import Worker

/// What a change carries from the coordinator's cache, over the wire, into the worker:
/// a deleted child's resourceVersion and the time the coordinator observed a VM change.
@Suite struct ChangeWireTests {
    @Test func aChildDeleteCarriesTheDeletionsResourceVersionToTheWorker() {
        var cache = ClusterCache()
        let owner = Fixtures.vmService("a", "web")
        _ = cache.apply(Fixtures.added(owner))
        let service = Fixtures.service("a", "web", ownedBy: owner)
        _ = cache.apply(Fixtures.added(service))
        var deleted = service
        deleted.metadata.resourceVersion = "7"
        let changes = cache.apply(.deleted(LenientObject(deleted)))
        #expect(
            changes == [
                NamespacedChange(
                    namespace: "a", change: .serviceDeleted(name: "web", uid: "uid-svc-a-web", resourceVersion: "7"))
            ])
        var wire = WireDecoding()
        guard case .serviceDeleted("web", let version)? = wire.change(WireEncoding.change(changes[0].change)) else {
            Issue.record("expected a Service delete")
            return
        }
        #expect(version == "7")
        #expect(cache.counters.received == ["virtualmachineservices": 1, "services": 2])
    }

    @Test func aDeleteWithoutAResourceVersionStaysUnknown() {
        var reference = ShardObjectRef()
        reference.name = "web"
        var change = ShardChange()
        change.endpointsDelete = reference
        var wire = WireDecoding()
        guard case .endpointsDeleted("web", nil)? = wire.change(change) else {
            Issue.record("an empty resourceVersion must decode as unknown")
            return
        }
    }

    @Test func theEarliestVMObservationOfADeltaStartsItsLatency() {
        func change(_ kind: ShardChange.OneOf_Kind, observed: UInt64?) -> ShardChange {
            var change = ShardChange()
            change.kind = kind
            if let observed { change.observedUnixMicros = observed }
            return change
        }
        let vm = ShardChange.OneOf_Kind.vmUpsert(ShardVMProjection())
        let service = ShardChange.OneOf_Kind.serviceUpsert(Data("{}".utf8))
        #expect(
            WireDecoding.earliestVMObservation([
                change(service, observed: 10), change(vm, observed: 30), change(vm, observed: 20), change(vm, observed: nil),
            ]) == MicroTime(microsecondsSince1970: 20))
        #expect(WireDecoding.earliestVMObservation([change(service, observed: 10)]) == nil)
        #expect(WireDecoding.earliestVMObservation([change(vm, observed: nil)]) == nil)
    }
}
