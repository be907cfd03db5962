import Testing

@testable import ZeroMQ

/// The socket monitor as the coordinator uses it: a peer with the wrong security mechanism
/// is seen, though it never reaches a ZAP handler.
@Suite struct SocketMonitorTests {
    @Test func aPlainPeerAtACurveServerIsReportedAsAMechanismMismatch() throws {
        let context = try ZMQContext()
        let server = try CurveKeyPair.generate()
        let router = try context.socket(.router)
        try router.set(.curveServer, to: true)
        try router.set(.curveSecretKey, to: server.secretKey)
        let monitor = try router.monitor(.handshakeFailedProtocol, on: "inproc://monitor-test", context: context)
        try router.bind("tcp://127.0.0.1:*")
        let plain = try context.socket(.dealer)
        try plain.connect(try router.get(.lastEndpoint))
        _ = try plain.send([[1]], timeout: .milliseconds(100))

        let frames = try #require(try monitor.receive(timeout: patience))
        let event = try #require(ZMQMonitorEvent(frames: frames))
        #expect(event.kind == .handshakeFailedProtocol)
        #expect(event.protocolError == .mechanismMismatch)
        #expect(event.host == "127.0.0.1")
        #expect(try router.receive(timeout: .milliseconds(100)) == nil, "nothing of the plain peer gets through")
        for socket in [plain, monitor, router] { socket.close() }
    }

    @Test func eventsDecodeFromTheirTwoFramesAndAnythingElseIsRefused() {
        var head = [UInt8](repeating: 0, count: 6)
        withUnsafeBytes(of: UInt16(0x2000)) { head.replaceSubrange(0..<2, with: $0) }
        withUnsafeBytes(of: UInt32(0x1100_0002)) { head.replaceSubrange(2..<6, with: $0) }
        let event = ZMQMonitorEvent(frames: [head, Array("tcp://[::1]:5555".utf8)])
        #expect(event?.kind == .handshakeFailedProtocol)
        #expect(event?.protocolError == .mechanismMismatch)
        #expect(event?.host == "::1")
        #expect(ZMQMonitorEvent(frames: [head]) == nil)
        #expect(ZMQMonitorEvent(frames: [[1, 2, 3], []]) == nil)
    }
}
