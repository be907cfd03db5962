import Testing

@testable import KubeModel

/// Cases follow Go's `TestParseCIDR`; expected text is Go's `IPNet.String()`.
@Suite struct IPNetworkTests {
    @Test(arguments: [
        ("135.104.0.0/32", "135.104.0.0/32", 32),
        ("0.0.0.0/24", "0.0.0.0/24", 24),
        ("135.104.0.0/24", "135.104.0.0/24", 24),
        ("135.104.0.1/32", "135.104.0.1/32", 32),
        ("135.104.0.1/24", "135.104.0.0/24", 24),
        ("0.0.0.0/0", "0.0.0.0/0", 0),
        ("10.1.1.1/8", "10.0.0.0/8", 8),
        ("10.0.0.0/008", "10.0.0.0/8", 8),
        ("::1/128", "::1/128", 128),
        ("abcd:2345::/127", "abcd:2345::/127", 127),
        ("abcd:2345::/65", "abcd:2345::/65", 65),
        ("abcd:2345::/64", "abcd:2345::/64", 64),
        ("abcd:2345::/63", "abcd:2345::/63", 63),
        ("abcd:2345::/33", "abcd:2345::/33", 33),
        ("abcd:2345::/32", "abcd:2345::/32", 32),
        ("abcd:2344::/31", "abcd:2344::/31", 31),
        ("abcd:2300::/24", "abcd:2300::/24", 24),
        ("abcd:2345::/24", "abcd:2300::/24", 24),
        ("2001:DB8::/48", "2001:db8::/48", 48),
        ("2001:DB8::1/48", "2001:db8::/48", 48),
        ("::/0", "::/0", 0),
        ("::ffff:1.2.3.4/120", "1.2.3.0/24", 120),
    ])
    func parsesLikeGoParseCIDR(_ text: String, _ canonical: String, _ prefix: Int) throws {
        let network = try #require(IPNetwork(cidr: text))
        #expect(network.description == canonical)
        #expect(network.prefixLength == prefix)
    }

    @Test(arguments: [
        "10.1.1.1/42", "192.168.1.1/255.255.255.0", "192.168.1.1/35", "2001:db8::1/-1", "2001:db8::1/-0",
        "2001:db8::1/129", "-0.0.0.0/32", "0.-1.0.0/32", "0.0.-2.0/32", "0.0.0.-3/32", "0.0.0.0/-0",
        "127.000.000.001/32", "", "10.0.0.0", "10.0.0.0/", "/8", "10.0.0.0/8 ", " 10.0.0.0/8", "10.0.0.0/+8",
        "fe80::1%eth0/64", "10.0.0.0/8/8",
    ])
    func rejectsWhatGoParseCIDRRejects(_ text: String) {
        #expect(IPNetwork(cidr: text) == nil)
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", true),
        ("10.0.0.0/8", "11.0.0.0", false),
        ("10.0.0.0/8", "::ffff:10.1.1.1", true),
        ("0.0.0.0/0", "1.2.3.4", true),
        ("0.0.0.0/0", "::1", false),
        ("::/0", "::1", true),
        ("::/0", "1.2.3.4", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/32", "2001:db9::1", false),
        ("192.168.1.1/32", "192.168.1.1", true),
        ("192.168.1.1/32", "192.168.1.2", false),
    ])
    func containsOnlyItsOwnFamily(_ cidr: String, _ ip: String, _ expected: Bool) throws {
        let network = try #require(IPNetwork(cidr: cidr))
        #expect(network.contains(try #require(IPAddress(ip))) == expected)
    }

    @Test func enumeratesAddressesForAllocation() throws {
        let network = try #require(IPNetwork(cidr: "10.96.0.0/12"))
        #expect(network.size == 1 << 20)
        #expect(network.address(at: 0)?.description == "10.96.0.0")
        #expect(network.address(at: 1)?.description == "10.96.0.1")
        #expect(network.address(at: 256)?.description == "10.96.1.0")
        #expect(network.address(at: (1 << 20) - 1)?.description == "10.111.255.255")
        #expect(network.address(at: 1 << 20) == nil)
        for offset: UInt64 in [0, 1, 77, 4095] {
            let ip = try #require(network.address(at: offset))
            #expect(network.contains(ip))
        }
    }

    @Test func enumeratesIPv6AcrossTheHalfBoundary() throws {
        let network = try #require(IPNetwork(cidr: "fd00::/108"))
        #expect(network.size == 1 << 20)
        #expect(network.address(at: 0x1_0001)?.description == "fd00::1:1")
        let wide = try #require(IPNetwork(cidr: "fd00::/56"))
        #expect(wide.size == UInt64.max)
        #expect(wide.address(at: UInt64.max)?.description == "fd00::ffff:ffff:ffff:ffff")
        let single = try #require(IPNetwork(cidr: "fd00::5/128"))
        #expect(single.size == 1)
        #expect(single.address(at: 1) == nil)
    }
}
