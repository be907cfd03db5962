import Testing

@testable import KubeModel

/// Cases follow Go's net/ip_test.go and netip tests; expected text is Go's `IP.String()`.
@Suite struct IPAddressTests {
    @Test(arguments: [
        ("127.0.1.2", "127.0.1.2"),
        ("0.0.0.0", "0.0.0.0"),
        ("255.255.255.255", "255.255.255.255"),
        ("::ffff:127.1.2.3", "127.1.2.3"),
        ("::ffff:7f01:0203", "127.1.2.3"),
        ("0:0:0:0:0000:ffff:127.1.2.3", "127.1.2.3"),
        ("0:0:0:0::ffff:127.1.2.3", "127.1.2.3"),
        ("2001:4860:0:2001::68", "2001:4860:0:2001::68"),
        ("2001:4860:0000:2001:0000:0000:0000:0068", "2001:4860:0:2001::68"),
        ("2001:DB8::1", "2001:db8::1"),
        ("::", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8:1:0:0:1:0:0", "2001:db8:1::1:0:0"),
        ("0:0:0:0:1:0:0:0", "::1:0:0:0"),
        ("2001:db8::123:12:1", "2001:db8::123:12:1"),
        ("::1.2.3.4", "::102:304"),
        ("fe80::1:2:3:4", "fe80::1:2:3:4"),
    ])
    func parsesAndPrintsLikeGo(_ text: String, _ canonical: String) throws {
        let ip = try #require(IPAddress(text))
        #expect(ip.description == canonical)
        #expect(IPAddress(canonical) == ip)
    }

    @Test(arguments: [
        "", "abc", "123:", "-0.0.0.0", "0.-1.0.0", "0.0.-2.0", "0.0.0.-3", "127.0.0.256", "100.1000.1.1",
        "fe80::1%lo0", "fe80::1%911", "a1:a2:a3:a4::b1:b2:b3:b4", "127.001.002.003", "::ffff:127.001.002.003",
        "123.000.000.000", "1.2..4", "0123.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.4.", ".1.2.3.4", " 1.2.3.4",
        "1.2.3.4 ", "0:0:0:0:000000:ffff:127.1.2.3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":1::",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "1:2:3:4:5:6:1.2.3.4:5", "1:2:3:4:5:1.2.3.4",
        "::ffff:1.2.3", "g::1", "1:", ":", ":::",
    ])
    func rejectsWhatGoRejects(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func mappedIPv4CountsAsIPv4() throws {
        let mapped = try #require(IPAddress("::ffff:10.0.0.1"))
        #expect(mapped.isIPv4)
        #expect(!mapped.isIPv6)
        #expect(mapped == IPAddress("10.0.0.1"))
        let compatible = try #require(IPAddress("::10.0.0.1"))
        #expect(compatible.isIPv6)
    }

    struct Classification: Sendable, CustomStringConvertible {
        var text: String
        var unspecified = false
        var loopback = false
        var linkLocalUnicast = false
        var linkLocalMulticast = false
        var multicast = false
        var description: String { text }
    }

    @Test(arguments: [
        Classification(text: "0.0.0.0", unspecified: true),
        Classification(text: "::", unspecified: true),
        Classification(text: "::ffff:0.0.0.0", unspecified: true),
        Classification(text: "127.0.0.1", loopback: true),
        Classification(text: "127.255.1.2", loopback: true),
        Classification(text: "::1", loopback: true),
        Classification(text: "::ffff:127.0.0.1", loopback: true),
        Classification(text: "169.254.1.1", linkLocalUnicast: true),
        Classification(text: "fe80::1", linkLocalUnicast: true),
        Classification(text: "febf::1", linkLocalUnicast: true),
        Classification(text: "fec0::1"),
        Classification(text: "224.0.0.1", linkLocalMulticast: true, multicast: true),
        Classification(text: "224.0.1.1", multicast: true),
        Classification(text: "239.255.255.255", multicast: true),
        Classification(text: "ff02::1", linkLocalMulticast: true, multicast: true),
        Classification(text: "ff12::1", linkLocalMulticast: true, multicast: true),
        Classification(text: "ff05::2", multicast: true),
        Classification(text: "10.0.0.1"),
        Classification(text: "2001:db8::1"),
        Classification(text: "240.0.0.1"),
    ])
    func classifiesLikeGo(_ c: Classification) throws {
        let ip = try #require(IPAddress(c.text))
        #expect(ip.isUnspecified == c.unspecified)
        #expect(ip.isLoopback == c.loopback)
        #expect(ip.isLinkLocalUnicast == c.linkLocalUnicast)
        #expect(ip.isLinkLocalMulticast == c.linkLocalMulticast)
        #expect(ip.isMulticast == c.multicast)
    }

    @Test func bytesAreTheSixteenByteForm() throws {
        #expect(try #require(IPAddress("1.2.3.4")).bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4])
        #expect(try #require(IPAddress("2001:db8::1")).bytes == [0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }
}
