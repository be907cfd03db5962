import Testing

@testable import ZeroMQ

@Suite struct TimedCallTests {
    @Test func receiveWithTimeoutReturnsNilWhenNothingArrives() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://quiet")
        #expect(try pair.router.tryReceive() == nil)
        #expect(try pair.router.receive(timeout: .milliseconds(20)) == nil)
    }

    @Test func blockingReceiveHonoursTheReceiveTimeoutOption() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://rcvtimeo")
        try pair.router.set(.receiveTimeout, to: .after(.milliseconds(10)))
        #expect(throws: ZMQError.wouldBlock) { try pair.router.receive() }
    }

    @Test func sendWithTimeoutGivesUpWhenNoPeerTakesTheMessage() throws {
        let context = try ZMQContext()
        let dealer = try context.socket(.dealer)
        // A DEALER with no connected peer has nowhere to queue a message.
        #expect(try dealer.trySend([[1]]) == false)
        #expect(try dealer.send([[1]], timeout: .milliseconds(20)) == false)
    }

    @Test func timedCallsLeaveTheSocketTimeoutsAsTheyWere() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://timeouts")
        try pair.router.set(.receiveTimeout, to: .after(.seconds(7)))
        _ = try pair.router.receive(timeout: .milliseconds(1))
        #expect(try pair.router.get(.receiveTimeout) == .after(.seconds(7)))
        _ = try pair.dealer.send([[1]], timeout: .milliseconds(1))
        #expect(try pair.dealer.get(.sendTimeout) == .forever)
    }
}
