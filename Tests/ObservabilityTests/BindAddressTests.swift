import Testing

@testable import Observability

@Suite struct BindAddressTests {
    @Test func portAloneMeansEveryInterface() throws {
        #expect(try BindAddress.parse(":8080") == BindAddress(host: "0.0.0.0", port: 8080))
    }

    @Test func zeroAloneDisablesTheEndpoint() throws {
        #expect(try BindAddress.parse("0") == nil)
    }

    @Test func hostsAndBracketedIPv6AreKept() throws {
        #expect(try BindAddress.parse("127.0.0.1:0") == BindAddress(host: "127.0.0.1", port: 0))
        #expect(try BindAddress.parse("[::1]:9443") == BindAddress(host: "::1", port: 9443))
        #expect(BindAddress(host: "::1", port: 9443).description == "[::1]:9443")
    }

    @Test func malformedAddressesAreRejected() {
        for text in ["8080", "host:", "host:http", ":70000", ""] {
            #expect(throws: BindAddressError.self) { try BindAddress.parse(text) }
        }
    }
}
