import KubeModel
import Testing

@testable import Coordinator

@Suite struct LeaseRecordTests {
    let start = ContinuousClock.now

    func lease(holder: String?, renewed: Int64, version: String) -> Lease {
        Lease(
            metadata: ObjectMeta(name: "vmsvc", namespace: "kube-system", resourceVersion: version),
            spec: LeaseSpec(holderIdentity: holder, renewTime: MicroTime(microsecondsSince1970: renewed)))
    }

    @Test func missingLeaseIsCreated() {
        var record = LeaseRecord(identity: "me", leaseDuration: .seconds(15))
        #expect(record.decide(nil, now: start) == .create)
    }

    @Test func ownLeaseIsRenewed() {
        var record = LeaseRecord(identity: "me", leaseDuration: .seconds(15))
        #expect(record.decide(lease(holder: "me", renewed: 1, version: "1"), now: start) == .renew)
    }

    @Test func othersLeaseIsRespectedUntilItStopsChangingForALeaseDuration() {
        var record = LeaseRecord(identity: "me", leaseDuration: .seconds(15))
        #expect(record.decide(lease(holder: "other", renewed: 1, version: "1"), now: start) == .wait(holder: "other"))
        // Renewed at 10 s: the 15 s start over from when we saw the change.
        #expect(record.decide(lease(holder: "other", renewed: 2, version: "2"), now: start + .seconds(10)) == .wait(holder: "other"))
        #expect(record.decide(lease(holder: "other", renewed: 2, version: "2"), now: start + .seconds(24)) == .wait(holder: "other"))
        #expect(record.decide(lease(holder: "other", renewed: 2, version: "2"), now: start + .seconds(26)) == .acquire)
    }

    @Test func releasedLeaseIsAcquiredAtOnce() {
        var record = LeaseRecord(identity: "me", leaseDuration: .seconds(15))
        #expect(record.decide(lease(holder: "", renewed: 1, version: "1"), now: start) == .acquire)
    }
}
