import Testing

@testable import KubeSim

@Suite struct AuthTokenFileTests {
    @Test func recordsGiveUserUIDAndQuotedGroups() throws {
        let users = try StaticTokenFile.parse(
            """
            t1,alice,1001,"dev,ops"
            t2,system:serviceaccount:vmsvc-system:vmsvc-worker,sa-uid

            """)
        #expect(users["t1"] == UserInfo(name: "alice", uid: "1001", groups: ["dev", "ops", "system:authenticated"]))
        #expect(
            users["t2"]?.groups == [
                "system:authenticated", "system:serviceaccounts", "system:serviceaccounts:vmsvc-system",
            ])
    }

    @Test func aRecordWithFewerThanThreeFieldsIsRejectedWithItsLine() {
        let error = #expect(throws: StaticTokenFile.ParseError.self) { try StaticTokenFile.parse("t1,alice,1\nt2,bob\n") }
        #expect(error?.line == 2)
    }

    @Test func anUnterminatedQuoteIsRejected() {
        #expect(throws: StaticTokenFile.ParseError.self) { try StaticTokenFile.parse("t1,alice,1,\"dev\n") }
    }

    @Test func doubledQuotesInsideAQuotedFieldAreOneQuote() throws {
        let users = try StaticTokenFile.parse("t1,\"al\"\"ice\",1\r\n")
        #expect(users["t1"]?.name == "al\"ice")
    }
}
