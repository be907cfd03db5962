import Testing

@testable import ZeroMQ

/// A ROUTER with one DEALER connected to it, the coordinator/worker shape.
struct RouterDealerPair {
    let context: ZMQContext
    let router: ZMQSocket
    let dealer: ZMQSocket
    let endpoint: String
}

extension RouterDealerPair {
    init(bindingTo bindEndpoint: String, routingID: [UInt8] = Array("worker-1".utf8)) throws {
        context = try ZMQContext()
        router = try context.socket(.router)
        try router.set(.routerMandatory, to: true)
        try router.bind(bindEndpoint)
        endpoint = try router.get(.lastEndpoint)
        dealer = try context.socket(.dealer)
        try dealer.set(.routingID, to: routingID)
        try dealer.connect(endpoint)
    }
}

let patience = Duration.seconds(10)

@Suite struct RouterDealerTests {
    @Test(arguments: ["inproc://router-dealer", "tcp://127.0.0.1:*"])
    func messageTravelsBothWays(endpoint: String) throws {
        let pair = try RouterDealerPair(bindingTo: endpoint)

        try pair.dealer.send([Array("hello".utf8)])
        let request = try #require(try pair.router.receive(timeout: patience))
        #expect(request == [Array("worker-1".utf8), Array("hello".utf8)])

        try pair.router.send([request[0], Array("welcome".utf8)])
        #expect(try pair.dealer.receive(timeout: patience) == [Array("welcome".utf8)])
    }

    @Test func tcpWildcardBindReportsTheChosenPort() throws {
        let pair = try RouterDealerPair(bindingTo: "tcp://127.0.0.1:*")
        #expect(pair.endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = pair.endpoint.split(separator: ":").last.flatMap { Int($0) }
        #expect((port ?? 0) > 0)
    }

    @Test func multipartMessageArrivesWholeAndInOrder() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://multipart")
        let frames: [[UInt8]] = [[], [1], Array(repeating: 7, count: 100_000), [], [2, 3]]

        try pair.dealer.send(frames)
        let received = try #require(try pair.router.receive(timeout: patience))
        #expect(Array(received.dropFirst()) == frames)

        try pair.router.send([received[0]] + frames)
        #expect(try pair.dealer.receive(timeout: patience) == frames)
    }

    @Test func routerMandatorySendToUnknownPeerFailsWithHostUnreachable() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://mandatory")
        #expect(throws: ZMQError.hostUnreachable) {
            try pair.router.send([Array("nobody".utf8), [1]])
        }
        #expect(ZMQError.hostUnreachable.message == "Host unreachable")
    }

    /// The coordinator's back-pressure rests on this: with ROUTER_MANDATORY a peer whose
    /// queues are full makes `trySend` say no, instead of libzmq dropping the message.
    @Test func fullPeerRefusesMessagesInsteadOfDroppingThem() throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.set(.routerMandatory, to: true)
        try router.set(.sendHighWaterMark, to: 2)
        try router.bind("inproc://slow-worker")
        let dealer = try context.socket(.dealer)
        try dealer.set(.receiveHighWaterMark, to: 2)
        try dealer.set(.routingID, to: Array("slow".utf8))
        try dealer.connect("inproc://slow-worker")
        try dealer.send([[0]])
        let peer = try #require(try router.receive(timeout: patience))[0]

        var accepted: [UInt8] = []
        for number in UInt8(1)...100 {
            guard try router.trySend([peer, [number]]) else { break }
            accepted.append(number)
        }
        #expect(accepted.count < 100)

        for number in accepted {
            #expect(try dealer.receive(timeout: patience) == [[number]])
        }
        #expect(try dealer.tryReceive() == nil)
        #expect(try router.send([peer, [200]], timeout: patience))
    }

    @Test func messageOverTheSizeLimitIsNeverDelivered() throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        // Options apply to connections made after they are set: set before bind.
        try router.set(.maxMessageSize, to: 1024)
        try router.bind("tcp://127.0.0.1:*")
        let dealer = try context.socket(.dealer)
        try dealer.connect(try router.get(.lastEndpoint))

        try dealer.send([Array(repeating: 1, count: 1024)])
        #expect(try router.receive(timeout: patience)?.last?.count == 1024)
        // A larger message costs the dealer its connection and is never delivered.
        try dealer.send([Array(repeating: 1, count: 1025)])
        #expect(try router.receive(timeout: .milliseconds(300)) == nil)
    }

    @Test func sendingAnEmptyMessageIsRejected() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://empty")
        #expect(throws: ZMQError.self) { try pair.dealer.send([]) }
    }

    @Test func closedSocketRefusesWork() throws {
        let pair = try RouterDealerPair(bindingTo: "inproc://closed")
        pair.dealer.close()
        pair.dealer.close()
        #expect(pair.dealer.isClosed)
        #expect(throws: ZMQError.socketClosed) { try pair.dealer.send([[1]]) }
        #expect(throws: ZMQError.socketClosed) { try pair.dealer.tryReceive() }
    }
}
