import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// Spec §16.8: a failed write is reported as a Warning Event and retried with per-service
/// exponential backoff; success forgets the failures.
@Suite struct WorkerFailureTests {
    @Test func aFailedWriteBacksOffReportsAWarningAndSucceedsOnRetry() async throws {
        var harness = WorkerHarness()
        await harness.api.fail("create", "Service")
        try await harness.startWeb(vmCount: 1)
        await harness.settle()
        #expect(await harness.writes() == ["create Service web"])
        let warning = try #require(await harness.api.events.first)
        #expect(warning.type == EventType.warning)
        #expect(warning.reason == EventReason.createServiceFailed)
        #expect(warning.note == "injected failure")
        #expect(warning.regarding?.name == "web")
        #expect(warning.regarding?.kind == "VirtualMachineService")

        #expect(await harness.worker.gauges.servicesInBackoff == 1)
        // The first retry is due 5 ms later (no jitter in tests).
        harness.clock.advance(by: .milliseconds(4))
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes() == ["create Service web"])
        harness.clock.advance(by: .milliseconds(1))
        await harness.worker.waitUntilIdle()
        #expect(await harness.writes() == ["create Service web", "create Service web", "create Endpoints web"])
        #expect(await harness.worker.metrics.retries == 1)
        let gauges = await harness.worker.gauges
        #expect(gauges.namespaces == 1)
        #expect(gauges.servicesInBackoff + gauges.servicesSyncing + gauges.servicesWaiting == 0)
        #expect(await harness.worker.metrics.writes("create Service", succeeded: false) == 1)
        #expect(
            await harness.api.events.map(\.reason) == [
                EventReason.createServiceFailed, EventReason.createServiceSuccess,
            ])
    }

    @Test func repeatedFailuresAggregateIntoOneEventSeries() async throws {
        var harness = WorkerHarness()
        await harness.api.fail("create", "Service", times: 3)
        try await harness.start(vms: [], vmServices: [Fixture.vmService("web", selector: ["app": "web"])])
        await harness.settle()
        for delay in [5, 10, 20] {
            harness.clock.advance(by: .milliseconds(delay))
            await harness.worker.waitUntilIdle()
        }
        #expect(await harness.api.writes(of: "Service").count == 4)
        let events = await harness.api.events.map(\.reason)
        #expect(events == [EventReason.createServiceFailed, EventReason.createServiceSuccess])
        let counts = await harness.api.eventPatches.map { $0.patch.objectValue?["series"]?.objectValue?["count"] }
        #expect(counts == [.number(2), .number(3)])
    }

    @Test func aSpecEditRetriesAtOnceInsteadOfWaitingForTheBackoff() async throws {
        var harness = WorkerHarness { $0.backoffBase = .seconds(10) }
        await harness.api.fail("create", "Service", times: 5)
        var web = Fixture.vmService("web", selector: ["app": "web"])
        try await harness.start(vms: [], vmServices: [web])
        await harness.settle()
        // A change that is not a spec edit waits for the retry, 10 s away.
        await harness.send([.vmUpserted(Fixture.vm("web-0", ip: "10.1.0.1", labels: ["app": "web"]))])
        await harness.settle()
        #expect(await harness.api.writes(of: "Service").count == 1)

        web.metadata.generation = 2
        web.metadata.resourceVersion = "2"
        await harness.send([.vmServiceUpserted(web)])
        await harness.settle()
        #expect(await harness.api.writes(of: "Service").count == 2)
    }

    @Test func backoffDoublesFromFiveMillisecondsUpToTheCap() {
        var backoff = RetryBackoff()
        let key = ServiceKey(namespace: "ns", name: "web")
        let delays = (0..<4).map { _ in backoff.delay(afterFailureOf: key, random: 0) }
        #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40)])
        for _ in 0..<60 { _ = backoff.delay(afterFailureOf: key, random: 0.99) }
        #expect(backoff.delay(afterFailureOf: key, random: 0.99) == .seconds(1000))
        backoff.forget(key)
        #expect(backoff.delay(afterFailureOf: key, random: 0.5) == .microseconds(5250))
    }
}
