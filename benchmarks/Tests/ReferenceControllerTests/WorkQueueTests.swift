import Testing

@testable import ReferenceController

@Suite struct WorkQueueTests {
    @Test func keyAddedTwiceWaitsOnce() async {
        let queue = WorkQueue()
        await queue.add("ns/a")
        await queue.add("ns/b")
        await queue.add("ns/a")
        #expect(await queue.depth == 2)
        #expect(await queue.get() == "ns/a")
        #expect(await queue.get() == "ns/b")
        #expect(await queue.depth == 0)
    }

    @Test func keyAddedWhileProcessingWaitsUntilDone() async {
        let queue = WorkQueue()
        await queue.add("ns/a")
        let first = await queue.get()
        await queue.add("ns/a")
        // Never handed to a second worker while the first holds it.
        #expect(await queue.depth == 0)
        await queue.done("ns/a")
        #expect(first == "ns/a")
        #expect(await queue.depth == 1)
        #expect(await queue.get() == "ns/a")
    }

    @Test func waitingWorkerGetsTheNextKey() async {
        let queue = WorkQueue()
        async let key = queue.get()
        // The worker may or may not be waiting yet; either way it receives the key.
        await queue.add("ns/a")
        #expect(await key == "ns/a")
    }

    @Test func shutDownReleasesWaitingWorkers() async {
        let queue = WorkQueue()
        async let key = queue.get()
        await queue.shutDown()
        #expect(await key == nil)
        await queue.add("ns/a")
        #expect(await queue.get() == nil)
    }

    @Test func backoffDoublesFromFiveMillisecondsUpToTheCap() async {
        let queue = WorkQueue()
        #expect(await queue.backoff(attempt: 0) == .milliseconds(5))
        #expect(await queue.backoff(attempt: 3) == .milliseconds(40))
        #expect(await queue.backoff(attempt: 60) == .seconds(1000))
    }

    @Test func rateLimitedKeyComesBack() async {
        let queue = WorkQueue(baseDelay: .milliseconds(1))
        await queue.add("ns/a")
        let key = await queue.get()
        await queue.addRateLimited("ns/a")
        await queue.done("ns/a")
        #expect(key == "ns/a")
        #expect(await queue.get() == "ns/a")
    }
}
