import Testing

@testable import ZeroMQ

@Suite struct SocketOptionTests {
    @Test func optionsReadBackWhatWasSet() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)

        #expect(try socket.get(.linger) == .zero)
        try socket.set(.linger, to: .forever)
        #expect(try socket.get(.linger) == .forever)
        try socket.set(.sendHighWaterMark, to: 17)
        #expect(try socket.get(.sendHighWaterMark) == 17)
        try socket.set(.receiveHighWaterMark, to: 23)
        #expect(try socket.get(.receiveHighWaterMark) == 23)
        try socket.set(.receiveTimeout, to: .after(.milliseconds(1500)))
        #expect(try socket.get(.receiveTimeout) == .after(.milliseconds(1500)))
        try socket.set(.sendTimeout, to: .after(.seconds(2)))
        #expect(try socket.get(.sendTimeout) == .after(.seconds(2)))
        try socket.set(.routingID, to: Array("w-7".utf8))
        #expect(try socket.get(.routingID) == Array("w-7".utf8))
        try socket.set(.immediate, to: true)
        #expect(try socket.get(.immediate))
        try socket.set(.heartbeatInterval, to: .seconds(1))
        #expect(try socket.get(.heartbeatInterval) == .seconds(1))
        try socket.set(.heartbeatTimeout, to: .milliseconds(3000))
        #expect(try socket.get(.heartbeatTimeout) == .seconds(3))
        try socket.set(.maxMessageSize, to: 4 << 20)
        #expect(try socket.get(.maxMessageSize) == 4 << 20)
        try socket.set(.zapDomain, to: "vmsvc")
        #expect(try socket.get(.zapDomain) == "vmsvc")
    }

    @Test func heartbeatTTLIsStoredInTenthsOfASecond() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        try socket.set(.heartbeatTTL, to: .seconds(3))
        #expect(try socket.get(.heartbeatTTL) == .seconds(3))
    }

    @Test func invalidOptionValueIsReportedNotIgnored() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        // Routing ids are 1 to 255 bytes.
        #expect(throws: ZMQError.invalidArgument) { try socket.set(.routingID, to: []) }
    }

    @Test func durationsBeyondAnIntClampToItsRange() {
        #expect(Duration.seconds(Int64.max).milliseconds == Int32.max)
        #expect(Duration.seconds(-Int64.max).milliseconds == Int32.min)
        #expect(Duration.milliseconds(1234).milliseconds == 1234)
    }
}
