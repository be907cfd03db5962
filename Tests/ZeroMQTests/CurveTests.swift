import Testing

@testable import ZeroMQ

@Suite struct CurveTests {
    /// A ROUTER acting as CURVE server and a DEALER client that knows `serverKey`.
    struct SecurePair {
        let pair: RouterDealerPair
        init(server: CurveKeyPair, client: CurveKeyPair, clientTrusts serverKey: CurveKey) throws {
            let context = try ZMQContext()
            let router = try context.socket(.router)
            try router.set(.curveServer, to: true)
            try router.set(.curveSecretKey, to: server.secretKey)
            try router.bind("tcp://127.0.0.1:*")
            let dealer = try context.socket(.dealer)
            try dealer.set(.routingID, to: Array("worker-1".utf8))
            try dealer.set(.curveServerKey, to: serverKey)
            try dealer.set(.curvePublicKey, to: client.publicKey)
            try dealer.set(.curveSecretKey, to: client.secretKey)
            try dealer.connect(try router.get(.lastEndpoint))
            pair = RouterDealerPair(context: context, router: router, dealer: dealer, endpoint: "")
        }
    }

    @Test func handshakeWithTheRightServerKeySucceeds() throws {
        let server = try CurveKeyPair.generate()
        let secure = try SecurePair(server: server, client: try .generate(), clientTrusts: server.publicKey)

        try secure.pair.dealer.send([Array("secret hello".utf8)])
        let received = try #require(try secure.pair.router.receive(timeout: patience))
        #expect(received.last == Array("secret hello".utf8))
        try secure.pair.router.send([received[0], [1]])
        #expect(try secure.pair.dealer.receive(timeout: patience) == [[1]])
    }

    @Test func handshakeWithTheWrongServerKeyDeliversNothing() throws {
        let server = try CurveKeyPair.generate()
        let impostor = try CurveKeyPair.generate()
        let secure = try SecurePair(server: server, client: try .generate(), clientTrusts: impostor.publicKey)

        _ = try secure.pair.dealer.send([[1]], timeout: .milliseconds(100))
        #expect(try secure.pair.router.receive(timeout: .milliseconds(300)) == nil)
    }

    @Test func publicKeyDerivedFromSecretMatchesTheGeneratedPair() throws {
        let generated = try CurveKeyPair.generate()
        let derived = try CurveKeyPair(secretKey: generated.secretKey)
        #expect(derived.publicKey == generated.publicKey)
        #expect(generated.publicKey != generated.secretKey)
    }

    @Test func keysRoundTripThroughZ85() throws {
        let key = try CurveKeyPair.generate().publicKey
        #expect(key.z85.utf8.count == 40)
        #expect(CurveKey(z85: key.z85) == key)
    }

    @Test func keyDescriptionDoesNotRevealTheKey() throws {
        let key = try CurveKeyPair.generate().secretKey
        #expect(!"\(key)".contains(key.z85))
    }

    @Test func z85MatchesTheRFCExample() {
        // ZeroMQ RFC 32: these 8 bytes encode as "HelloWorld".
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(bytes) == "HelloWorld")
        #expect(Z85.decode("HelloWorld") == bytes)
    }

    @Test(arguments: ["", "abc", "Hello Worl", "Hello\u{0}orld", "%%%%%", "ÄÖÜab"])
    func z85RejectsMalformedText(text: String) {
        #expect(Z85.decode(text) == nil)
    }

    @Test func z85RejectsLengthsNotAMultipleOfFour() {
        #expect(Z85.encode([1, 2, 3]) == nil)
        #expect(CurveKey(bytes: [1, 2, 3]) == nil)
        #expect(CurveKey(z85: "HelloWorld") == nil)
    }
}
