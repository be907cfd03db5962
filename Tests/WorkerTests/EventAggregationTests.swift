import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// client-go's EventAggregator: many different messages of one reason on one object
/// become one combined Event instead of one Event each.
@Suite struct EventAggregationTests {
    let regarding = ObjectReference(kind: "VirtualMachineService", namespace: "ns", name: "web", uid: "uid-web")

    func failure(_ detail: Int) -> ReconcileEvent {
        ReconcileEvent(
            type: EventType.warning, reason: EventReason.updateEndpointsFailed, message: "conflict at version \(detail)")
    }

    func time(_ seconds: Int64) -> MicroTime { MicroTime(microsecondsSince1970: seconds * 1_000_000) }

    @Test func theTenthDifferentMessageStartsOneCombinedEventThatCountsTheRest() throws {
        var recorder = EventRecorder(instance: "w1")
        var created: [Event] = []
        for detail in 1...9 {
            guard case .create(let event) = recorder.record(failure(detail), regarding: regarding, now: time(Int64(detail)))
            else {
                Issue.record("message \(detail) must create its own Event")
                return
            }
            created.append(event)
        }
        #expect(Set(created.compactMap(\.note)).count == 9)

        guard case .create(let combined) = recorder.record(failure(10), regarding: regarding, now: time(10)) else {
            Issue.record("the tenth different message must create the combined Event")
            return
        }
        #expect(combined.note == "(combined from similar events): conflict at version 10")
        let name = try #require(combined.metadata.name)
        #expect(
            recorder.record(failure(11), regarding: regarding, now: time(11))
                == .updateSeries(namespace: "ns", name: name, series: EventSeries(count: 2, lastObservedTime: time(11))))
        // A message seen before keeps its own series.
        guard case .updateSeries(_, let first, _)? = recorder.record(failure(1), regarding: regarding, now: time(12)) else {
            Issue.record("a known message counts into its own Event")
            return
        }
        #expect(first == created[0].metadata.name)
    }

    @Test func similarMessagesOnOtherObjectsOrReasonsOrAfterTheWindowAreNotCombined() {
        var recorder = EventRecorder(instance: "w1")
        for detail in 1...9 { _ = recorder.record(failure(detail), regarding: regarding, now: time(0)) }
        let other = ObjectReference(kind: "VirtualMachineService", namespace: "ns", name: "db", uid: "uid-db")
        guard case .create(let onOther) = recorder.record(failure(10), regarding: other, now: time(1)) else {
            Issue.record("another object has its own messages")
            return
        }
        #expect(onOther.note == "conflict at version 10")
        let otherReason = ReconcileEvent(
            type: EventType.warning, reason: EventReason.updateServiceFailed, message: "conflict at version 10")
        guard case .create(let byReason) = recorder.record(otherReason, regarding: regarding, now: time(1)) else {
            Issue.record("another reason has its own messages")
            return
        }
        #expect(byReason.note == "conflict at version 10")
        // Ten minutes later the similar messages are forgotten.
        guard case .create(let later) = recorder.record(failure(10), regarding: regarding, now: time(602)) else {
            Issue.record("after the window a message creates its own Event")
            return
        }
        #expect(later.note == "conflict at version 10")
    }
}
