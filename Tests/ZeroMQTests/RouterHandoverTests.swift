import Testing

@testable import ZeroMQ

/// A peer reconnecting under a routing id whose old connection the ROUTER still holds.
@Suite struct RouterHandoverTests {
    /// A ROUTER on TCP with one peer "w" connected and heard from.
    func routerWithPeer(handover: Bool) throws -> (ZMQContext, ZMQSocket, old: ZMQSocket, endpoint: String) {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.set(.routerMandatory, to: true)
        if handover { try router.set(.routerHandover, to: true) }
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.get(.lastEndpoint)
        let old = try dealer(named: "w", saying: "old", to: endpoint, in: context)
        #expect(try router.receive(timeout: patience) == [Array("w".utf8), Array("old".utf8)])
        return (context, router, old, endpoint)
    }

    func dealer(named id: String, saying text: String, to endpoint: String, in context: ZMQContext) throws -> ZMQSocket {
        let dealer = try context.socket(.dealer)
        try dealer.set(.routingID, to: Array(id.utf8))
        try dealer.connect(endpoint)
        try dealer.send([Array(text.utf8)])
        return dealer
    }

    @Test func reconnectingPeerTakesItsIdOverAtOnce() throws {
        let (context, router, old, endpoint) = try routerWithPeer(handover: true)
        let new = try dealer(named: "w", saying: "new", to: endpoint, in: context)
        #expect(try router.receive(timeout: patience) == [Array("w".utf8), Array("new".utf8)])

        try router.send([Array("w".utf8), Array("welcome".utf8)])
        #expect(try new.receive(timeout: patience) == [Array("welcome".utf8)])
        #expect(try old.receive(timeout: .milliseconds(200)) == nil)
    }

    /// Why the option is set: without it the newcomer is refused while the old connection
    /// lives, and the ROUTER keeps talking to the old one.
    @Test func withoutHandoverTheNewcomerIsRefused() throws {
        let (context, router, old, endpoint) = try routerWithPeer(handover: false)
        let newcomer = try dealer(named: "w", saying: "new", to: endpoint, in: context)
        #expect(try router.receive(timeout: .milliseconds(300)) == nil)

        try router.send([Array("w".utf8), Array("welcome".utf8)])
        #expect(try old.receive(timeout: patience) == [Array("welcome".utf8)])
        #expect(try newcomer.tryReceive() == nil)
    }
}
