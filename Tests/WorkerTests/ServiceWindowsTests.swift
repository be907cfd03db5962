import Testing

@testable import Worker

/// The per-service batch windows, on their own: when a dirty service may be passed.
@Suite struct ServiceWindowsTests {
    typealias Instant = ManualClock.Instant
    let web = ServiceKey(namespace: "ns", name: "web")
    let db = ServiceKey(namespace: "ns", name: "db")

    func at(_ milliseconds: Int) -> Instant { Instant(offset: .milliseconds(milliseconds)) }

    @Test func aServiceWithoutAnOpenWindowIsAdmittedAtOnce() {
        var windows = ServiceWindows<Instant>(period: .milliseconds(50))
        let first = windows.admit(web, now: at(0))
        windows.passStarted(web, now: at(0))
        let afterOnePeriod = windows.admit(web, now: at(50))
        #expect(first)
        #expect(afterOnePeriod, "the window closes after exactly one period")
        #expect(windows.held.isEmpty)
        #expect(windows.nextClose == nil)
    }

    @Test func changesInsideTheWindowAreHeldAndReleasedOnceWhenItCloses() {
        var windows = ServiceWindows<Instant>(period: .milliseconds(50))
        windows.passStarted(web, now: at(0))
        for now in [1, 20, 49] {
            let admitted = windows.admit(web, now: at(now))
            #expect(!admitted)
        }
        #expect(windows.held == [web])
        #expect(windows.nextClose == at(50))
        let early = windows.close(upTo: at(49))
        let onTime = windows.close(upTo: at(50))
        #expect(early.isEmpty)
        #expect(onTime == [web])
        #expect(windows.held.isEmpty)
    }

    @Test func windowsCloseInTheOrderTheyOpened() {
        var windows = ServiceWindows<Instant>(period: .milliseconds(50))
        windows.passStarted(db, now: at(0))
        windows.passStarted(web, now: at(10))
        let admitted = [windows.admit(web, now: at(20)), windows.admit(db, now: at(20))]
        let released = windows.close(upTo: at(100))
        #expect(admitted == [false, false])
        #expect(released == [db, web])
    }

    @Test func aNewerPassMovesTheWindowAndTheOlderEntryReleasesNothing() {
        var windows = ServiceWindows<Instant>(period: .milliseconds(50))
        windows.passStarted(web, now: at(0))
        windows.passStarted(web, now: at(30))
        let admitted = windows.admit(web, now: at(60))
        #expect(!admitted, "still inside the window the second pass opened")
        #expect(windows.nextClose == at(50), "the stale entry is the oldest; closing it moves on")
        let stale = windows.close(upTo: at(60))
        #expect(stale.isEmpty)
        #expect(windows.nextClose == at(80))
        let released = windows.close(upTo: at(80))
        #expect(released == [web])
    }

    @Test func releaseAllAndForgetEmptyTheHeldServices() {
        var windows = ServiceWindows<Instant>(period: .milliseconds(50))
        let other = ServiceKey(namespace: "other", name: "web")
        for key in [web, db, other] {
            windows.passStarted(key, now: at(0))
            let admitted = windows.admit(key, now: at(1))
            #expect(!admitted)
        }
        windows.forget(namespace: "other")
        #expect(windows.held == [web, db])
        let released = windows.releaseAll()
        #expect(released == [db, web])
        #expect(windows.held.isEmpty)
        #expect(windows.nextClose == nil)
    }
}
