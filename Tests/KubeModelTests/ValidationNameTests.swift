import Testing

@testable import KubeModel

/// Cases from apimachinery's validation_test.go; messages as Go prints them.
@Suite struct ValidationNameTests {
    static let dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
    static let namePartMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

    @Test(arguments: [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2",
        String(repeating: "a", count: 63),
    ])
    func acceptsDNS1123Labels(_ value: String) {
        #expect(KubeValidation.isDNS1123Label(value).isEmpty)
    }

    @Test(arguments: [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
        "1_2", ".", "a.", ".a", "1.", ".1", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "INVALID", "é",
    ])
    func rejectsNonDNS1123Labels(_ value: String) {
        #expect(KubeValidation.isDNS1123Label(value) == [Self.dns1123LabelMessage])
    }

    @Test func dns1123LabelNamesDotsAndLength() {
        #expect(KubeValidation.isDNS1123Label("a.b") == ["must not contain dots"])
        #expect(KubeValidation.isDNS1123Label("1.2") == ["must not contain dots"])
        #expect(
            KubeValidation.isDNS1123Label(String(repeating: "a", count: 64)) == [
                "must be no more than 63 characters"
            ])
        // Too long and also dotted: Go reports both.
        #expect(
            KubeValidation.isDNS1123Label(String(repeating: "a", count: 62) + ".b") == [
                "must be no more than 63 characters", "must not contain dots",
            ])
    }

    @Test(arguments: [
        "a", "a--1--2--b", "1--a--b--2", "a.a", "a-1.a", "a.1", "0.a", "012.1", "a.b.c.d.e", "aa.bb.cc.dd.ee",
        "1.2.3.4.5", "11.22.33.44.55", String(repeating: "a", count: 253),
    ])
    func acceptsDNS1123Subdomains(_ value: String) {
        #expect(KubeValidation.isDNS1123Subdomain(value).isEmpty)
    }

    @Test(arguments: [
        "", "A", "aBc", "1-A", "-", "a-", "-a", "_", "a_b", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a b",
        "A.a", "aB.a", "ab.A", "0.A", "A.B.C.D.E", "a.B.c.d.e", "a@b", "a,b", "a;b", "a:b", "a%b", "a?b", "a$b",
        "InValid!",
    ])
    func rejectsNonDNS1123Subdomains(_ value: String) {
        #expect(KubeValidation.isDNS1123Subdomain(value) == [Self.dns1123SubdomainMessage])
    }

    @Test func subdomainLengthLimitIs253() {
        #expect(
            KubeValidation.isDNS1123Subdomain(String(repeating: "a", count: 254)) == [
                "must be no more than 253 characters"
            ])
    }

    @Test(arguments: ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", String(repeating: "a", count: 63)])
    func acceptsDNS1035Labels(_ value: String) {
        #expect(KubeValidation.isDNS1035Label(value).isEmpty)
    }

    @Test(arguments: [
        "0", "01", "012", "1a", "1-a", "1--a--b--2", "", "A", "ABC", "aBc", "-", "a-", "-a", "_", "a_b", ".",
        "a.b", " ", "a b", "9-MyVMService", "9-myvmservice",
    ])
    func rejectsNonDNS1035Labels(_ value: String) {
        #expect(KubeValidation.isDNS1035Label(value) == [Self.dns1035Message])
    }

    @Test func dns1035TooLongAndMalformedReportsBoth() {
        let value = String(repeating: "a", count: 63) + "-"
        #expect(KubeValidation.isDNS1035Label(value) == ["must be no more than 63 characters", Self.dns1035Message])
    }

    @Test(arguments: [
        "simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
        "requests.storage-foo", String(repeating: "a", count: 63),
        String(repeating: "a", count: 253) + "/" + String(repeating: "b", count: 63),
    ])
    func acceptsQualifiedNames(_ value: String) {
        #expect(KubeValidation.isQualifiedName(value).isEmpty)
    }

    @Test(arguments: [
        ("nospecialchars%^=@", [namePartMessage]),
        ("cantendwithadash-", [namePartMessage]),
        ("-cantstartwithadash-", [namePartMessage]),
        ("THIS_NOT_VALID!", [namePartMessage]),
        ("Example.com/abc", ["prefix part " + dns1123SubdomainMessage]),
        ("example_com/abc", ["prefix part " + dns1123SubdomainMessage]),
        ("example.com/", ["name part must be non-empty", namePartMessage]),
        ("/simple", ["prefix part must be non-empty"]),
        (String(repeating: "a", count: 64), ["name part must be no more than 63 characters"]),
        (String(repeating: "a", count: 254) + "/abc", ["prefix part must be no more than 253 characters"]),
        ("only/one/slash", [
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]),
    ])
    func rejectsBadQualifiedNamesWithGoMessages(_ value: String, _ expected: [String]) {
        #expect(KubeValidation.isQualifiedName(value) == expected)
    }

    @Test(arguments: [
        "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", String(repeating: "a", count: 63),
        "", "Mixed_Case.ok",
    ])
    func acceptsLabelValues(_ value: String) {
        #expect(KubeValidation.isValidLabelValue(value).isEmpty)
    }

    @Test(arguments: [
        "nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash",
        "ends-with-dash-", ".starts.with.dot", "ends.with.dot.",
    ])
    func rejectsBadLabelValues(_ value: String) {
        #expect(KubeValidation.isValidLabelValue(value) == [Self.labelValueMessage])
    }

    @Test func labelValueLengthLimitIs63() {
        #expect(
            KubeValidation.isValidLabelValue(String(repeating: "a", count: 64)) == [
                "must be no more than 63 characters"
            ])
    }

    @Test(arguments: [(1, true), (80, true), (65535, true), (0, false), (-1, false), (65536, false), (200000, false)])
    func portNumbersAreOneTo65535(_ port: Int, _ valid: Bool) {
        #expect(KubeValidation.isValidPortNumber(port).isEmpty == valid)
    }

    @Test func webhookMessagesReadAsTheReference() {
        let name = FieldError.invalid(
            "metadata.name", "9-MyVMService", KubeValidation.isDNS1035Label("9-MyVMService").joined(separator: ","))
        #expect(name.description == #"metadata.name: Invalid value: "9-MyVMService": "# + Self.dns1035Message)
        let portName = FieldError.invalid("spec.ports[0].name", "INVALID", KubeValidation.isDNS1123Label("INVALID")[0])
        #expect(portName.description == #"spec.ports[0].name: Invalid value: "INVALID": "# + Self.dns1123LabelMessage)
        let port = 100000
        let portError = FieldError.invalid("spec.ports[0].port", .number(Double(port)), KubeValidation.isValidPortNumber(port)[0])
        #expect(portError.description == "spec.ports[0].port: Invalid value: 100000: must be between 1 and 65535, inclusive")
    }
}
