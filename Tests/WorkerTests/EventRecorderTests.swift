import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// Event aggregation and the per-object rate limit.
@Suite struct EventRecorderTests {
    let regarding = ObjectReference(kind: "VirtualMachineService", namespace: "ns", name: "web", uid: "uid-web")
    let failed = ReconcileEvent(type: EventType.warning, reason: EventReason.updateEndpointsFailed, message: "boom")

    func time(_ seconds: Int64) -> MicroTime { MicroTime(microsecondsSince1970: seconds * 1_000_000) }

    @Test func theSameEventWithinTheWindowBecomesACountIncrease() throws {
        var recorder = EventRecorder(instance: "w1")
        guard case .create(let event) = recorder.record(failed, regarding: regarding, now: time(0)) else {
            Issue.record("first occurrence must create an Event")
            return
        }
        #expect(event.reason == EventReason.updateEndpointsFailed)
        #expect(event.note == "boom")
        #expect(event.reportingInstance == "w1")
        #expect(event.metadata.namespace == "ns")
        let name = try #require(event.metadata.name)
        #expect(name.hasPrefix("web."))
        #expect(
            recorder.record(failed, regarding: regarding, now: time(10))
                == .updateSeries(namespace: "ns", name: name, series: EventSeries(count: 2, lastObservedTime: time(10)))
        )

        let other = ReconcileEvent(type: EventType.warning, reason: EventReason.updateEndpointsFailed, message: "other")
        guard case .create = recorder.record(other, regarding: regarding, now: time(11)) else {
            Issue.record("a different message is a different Event")
            return
        }
        // After the window, the same event starts a new Event.
        guard case .create(let later) = recorder.record(failed, regarding: regarding, now: time(10 + 361)) else {
            Issue.record("an occurrence after the window must create a new Event")
            return
        }
        #expect(later.metadata.name != name)
    }

    @Test func aHotObjectIsRateLimitedButItsCountStaysTrue() throws {
        var recorder = EventRecorder(instance: "w1")
        recorder.burst = 2
        guard case .create(let event) = recorder.record(failed, regarding: regarding, now: time(0)) else {
            Issue.record("first occurrence must create an Event")
            return
        }
        #expect(recorder.record(failed, regarding: regarding, now: time(1)) != nil)
        #expect(recorder.record(failed, regarding: regarding, now: time(2)) == nil)
        #expect(recorder.record(failed, regarding: regarding, now: time(3)) == nil)
        let unrelated = ObjectReference(kind: "VirtualMachineService", namespace: "ns", name: "db")
        #expect(recorder.record(failed, regarding: unrelated, now: time(3)) != nil)
        // One token back after `refill` (300 s): the update carries all five occurrences.
        #expect(
            recorder.record(failed, regarding: regarding, now: time(303))
                == .updateSeries(
                    namespace: "ns", name: event.metadata.name ?? "",
                    series: EventSeries(count: 5, lastObservedTime: time(303))))
    }
}
