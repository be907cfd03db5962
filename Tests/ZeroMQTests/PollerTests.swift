import Testing

@testable import ZeroMQ

@Suite struct PollerTests {
    @Test func pollTimesOutWithNothingReady() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://poll-idle")
        var poller = ZMQPoller()
        poller.register(pair.router, for: .readable)
        poller.register(pair.dealer, for: .readable)

        #expect(try poller.poll(timeout: .after(.milliseconds(20))) == [[], []])
        #expect(try poller.poll(timeout: .zero) == [[], []])
    }

    @Test func pollReportsOnlyTheSocketWithAMessage() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://poll-one")
        var poller = ZMQPoller()
        let routerIndex = poller.register(pair.router, for: .readable)
        let dealerIndex = poller.register(pair.dealer, for: .readable)

        try pair.dealer.send([[42]])
        let ready = try poller.poll(timeout: .after(patience))
        #expect(ready[routerIndex] == .readable)
        #expect(ready[dealerIndex] == [])
        #expect(try pair.router.tryReceive() == [Array("worker-1".utf8), [42]])
    }

    @Test func connectedDealerIsWritable() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://poll-out")
        var poller = ZMQPoller()
        poller.register(pair.dealer, for: [.readable, .writable])
        #expect(try poller.poll(timeout: .after(patience)) == [.writable])
    }

    @Test func pollingAClosedSocketFails() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://poll-closed")
        var poller = ZMQPoller()
        poller.register(pair.dealer, for: .readable)
        pair.dealer.close()
        #expect(throws: ZMQError.socketClosed) { try poller.poll(timeout: .zero) }
    }
}
