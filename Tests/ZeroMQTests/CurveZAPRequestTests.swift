import Testing

@testable import ZeroMQ

@Suite struct CurveZAPRequestTests {
    static func frames(mechanism: String = "CURVE", credentials: [[UInt8]]) -> [[UInt8]] {
        [Array("1.0".utf8), [7], Array("vmsvc-shard".utf8), Array("10.0.0.9".utf8), [], Array(mechanism.utf8)]
            + credentials
    }

    @Test func curveRequestYieldsTheClientKeyAndAddress() throws {
        let key = try CurveKeyPair.generate().publicKey
        let request = try #require(ZAPRequest(frames: Self.frames(credentials: [key.bytes])))
        #expect(request.curveClientKey == key)
        #expect(request.address == "10.0.0.9")
        #expect(request.reply(admitted: true, text: "OK") == [Array("1.0".utf8), [7], Array("200".utf8), Array("OK".utf8), [], []])
        #expect(request.reply(admitted: false, text: "no")[2] == Array("400".utf8))
    }

    @Test func otherMechanismsAndShortCredentialsHaveNoKey() throws {
        let null = try #require(ZAPRequest(frames: Self.frames(mechanism: "NULL", credentials: [])))
        #expect(null.curveClientKey == nil)
        let short = try #require(ZAPRequest(frames: Self.frames(credentials: [[1, 2, 3]])))
        #expect(short.curveClientKey == nil)
    }

    @Test func wrongVersionOrTooFewFramesAreNotRequests() {
        var frames = Self.frames(credentials: [])
        #expect(ZAPRequest(frames: Array(frames.prefix(5))) == nil)
        frames[0] = Array("2.0".utf8)
        #expect(ZAPRequest(frames: frames) == nil)
    }

    @Test func linkedLibzmqSupportsCurve() {
        #expect(ZMQCapability.curve)
    }
}
