import Testing

@testable import Worker

/// The per-service batching on its own: when a dirty service may be passed, per policy.
@Suite struct PassPacerTests {
    typealias Instant = ManualClock.Instant
    let web = ServiceKey(namespace: "ns", name: "web")
    let db = ServiceKey(namespace: "ns", name: "db")

    func at(_ milliseconds: Int) -> Instant { Instant(offset: .milliseconds(milliseconds)) }

    /// Admits `key` at `now` and, if admitted, starts its pass there.
    func pass(_ key: ServiceKey, at now: Int, in pacer: inout PassPacer<Instant>) -> Bool {
        guard pacer.admit(key, now: at(now)) else { return false }
        pacer.passStarted(key, now: at(now))
        return true
    }

    @Test func windowHoldsEveryChangeUntilOnePeriodAfterTheFirst() {
        var pacer = PassPacer<Instant>(period: .milliseconds(50), policy: .window)
        let admitted = [0, 10, 49].map { pacer.admit(web, now: at($0)) }
        #expect(admitted == [false, false, false])
        #expect(pacer.nextRelease == at(50), "the window opened with the first change")
        let early = pacer.release(upTo: at(49))
        let onTime = pacer.release(upTo: at(50))
        #expect(early.isEmpty)
        #expect(onTime == [web], "one pass for the three changes")
        // A change after the pass opens a new window.
        pacer.passStarted(web, now: at(50))
        let afterThePass = pacer.admit(web, now: at(60))
        #expect(!afterThePass)
        #expect(pacer.nextRelease == at(110))
    }

    @Test func twoPassesGoAtOnceAndTheThirdWaitsOnePeriod() {
        var pacer = PassPacer<Instant>(period: .milliseconds(50), policy: .pace)
        let admitted = [pass(web, at: 0, in: &pacer), pass(web, at: 0, in: &pacer), pass(web, at: 0, in: &pacer)]
        #expect(admitted == [true, true, false])
        #expect(pacer.held.keys.sorted() == [web])
        #expect(pacer.nextRelease == at(50))
        let early = pacer.release(upTo: at(49))
        let onTime = pacer.release(upTo: at(50))
        #expect(early.isEmpty)
        #expect(onTime == [web])
        #expect(pacer.held.isEmpty)
        #expect(pacer.nextRelease == nil)
    }

    @Test func sustainedChurnIsPassedOncePerPeriod() {
        var pacer = PassPacer<Instant>(period: .milliseconds(50), policy: .pace)
        // A change every millisecond for one second: each admitted change starts a pass, a
        // held one is released (and passed) when its time comes.
        var passes = 0
        for now in 0..<1000 {
            for key in pacer.release(upTo: at(now)) {
                pacer.passStarted(key, now: at(now))
                passes += 1
            }
            if pass(web, at: now, in: &pacer) { passes += 1 }
        }
        #expect(passes == 2 + 1000 / 50 - 1, "the burst, then one per period")
    }

    @Test func theBudgetRefillsWithTime() {
        var pacer = PassPacer<Instant>(period: .milliseconds(50), policy: .pace)
        #expect(pass(web, at: 0, in: &pacer) && pass(web, at: 0, in: &pacer))
        // One period later one pass is available again, two periods later two.
        let afterOne = [pass(web, at: 50, in: &pacer), pass(web, at: 50, in: &pacer)]
        #expect(afterOne == [true, false])
        #expect(pacer.release(upTo: at(100)) == [web])
        var fresh = PassPacer<Instant>(period: .milliseconds(50), policy: .pace)
        _ = (pass(db, at: 0, in: &fresh), pass(db, at: 0, in: &fresh))
        #expect([pass(db, at: 100, in: &fresh), pass(db, at: 100, in: &fresh)] == [true, true])
    }

    @Test func heldServicesAreReleasedInTheOrderTheyFallDue() {
        var pacer = PassPacer<Instant>(period: .milliseconds(50), policy: .pace)
        for _ in 0..<2 { _ = pass(db, at: 0, in: &pacer) }
        for _ in 0..<2 { _ = pass(web, at: 10, in: &pacer) }
        #expect(!pass(web, at: 20, in: &pacer))
        #expect(!pass(db, at: 20, in: &pacer))
        #expect(pacer.nextRelease == at(50))
        #expect(pacer.release(upTo: at(55)) == [db])
        #expect(pacer.release(upTo: at(100)) == [web])
    }

    @Test func releaseAllAndForgetEmptyTheHeldServices() {
        var pacer = PassPacer<Instant>(period: .milliseconds(50), policy: .pace)
        let other = ServiceKey(namespace: "other", name: "web")
        for key in [web, db, other] {
            for _ in 0..<2 { _ = pass(key, at: 0, in: &pacer) }
            #expect(!pass(key, at: 1, in: &pacer))
        }
        pacer.forget(namespace: "other")
        #expect(pacer.held.keys.sorted() == [db, web])
        #expect(pacer.releaseAll() == [db, web])
        #expect(pacer.held.isEmpty)
        #expect(pacer.nextRelease == nil)
        #expect(pacer.release(upTo: at(1000)).isEmpty, "forgotten and released services are not released again")
    }
}
