import KubeModel
import MetricsTestKit
import Testing
import VMServiceCore

@testable import Worker

/// The propagation latency histogram: VM change observed by the coordinator → write
/// acknowledged by the API server.
@Suite struct PropagationLatencyTests {
    static let now: Int64 = 1_800_000_000_000_000

    func time(microsecondsBeforeNow micros: Int64) -> MicroTime {
        MicroTime(microsecondsSince1970: Self.now - micros)
    }

    @Test func aVMChangeIsTimedFromItsObservationToItsWrite() async throws {
        let metrics = TestMetrics()
        var harness = WorkerHarness { $0.metricsFactory = metrics }
        try await harness.startWeb(vmCount: 2)
        await harness.settle()
        let timer = try metrics.expectTimer("vmsvc_propagation_latency_seconds", [("worker", "worker-test")])
        #expect(timer.values.isEmpty, "a snapshot carries no observation time")

        let moved = Fixture.vm("web-0", ip: "10.1.0.99", labels: ["app": "web"])
        // The second time the same VM changes nothing: nothing is written, nothing is timed.
        for (sequence, observedAgo) in [(UInt64(1), Int64(250_000)), (2, 100_000)] {
            await harness.worker.handle(
                .delta(
                    namespace: Fixture.namespace, epoch: 1, sequence: sequence, changes: [.vmUpserted(moved)],
                    observedAt: time(microsecondsBeforeNow: observedAgo)))
            await harness.settle()
        }
        #expect(timer.values == [250_000_000])
        let batches = try metrics.expectRecorder("vmsvc_batch_size", [("worker", "worker-test")])
        #expect(batches.values.count >= 2 && batches.values.allSatisfy { $0 == 1 })
    }

    let web = ServiceKey(namespace: "ns", name: "web")

    /// `web` changed 900 µs ago, its pass started, and it changed again 300 µs ago.
    func trackerWithAChangeDuringAPass() -> PropagationTracker {
        var tracker = PropagationTracker()
        tracker.observed(["web"], in: "ns", at: time(microsecondsBeforeNow: 900))
        tracker.passStarted(web)
        tracker.observed(["web"], in: "ns", at: time(microsecondsBeforeNow: 300))
        return tracker
    }

    @Test func aChangeDuringAPassWaitsForTheNextPass() {
        var tracker = trackerWithAChangeDuringAPass()
        #expect(tracker.writeAcknowledged(web, now: time(microsecondsBeforeNow: 0)) == 900)
        #expect(tracker.writeAcknowledged(web, now: time(microsecondsBeforeNow: 0)) == nil, "first write only")
        tracker.passEnded(web, failed: false)
        tracker.passStarted(web)
        #expect(tracker.writeAcknowledged(web, now: time(microsecondsBeforeNow: 0)) == 300)
    }

    @Test func aFailedPassKeepsTheOldestObservationForItsRetry() {
        var tracker = trackerWithAChangeDuringAPass()
        tracker.passEnded(web, failed: true)
        tracker.passStarted(web)
        #expect(tracker.writeAcknowledged(web, now: time(microsecondsBeforeNow: 0)) == 900)
    }

    @Test func aPassWithoutWritesAndARevokeForgetTheirObservations() {
        var tracker = PropagationTracker()
        tracker.observed(["web"], in: "ns", at: time(microsecondsBeforeNow: 900))
        tracker.passStarted(web)
        tracker.passEnded(web, failed: false)
        tracker.observed(["db"], in: "ns", at: time(microsecondsBeforeNow: 900))
        tracker.forget(namespace: "ns")
        #expect(tracker.isEmpty)
    }
}
