import PropertyBased
import Testing

@testable import KubeModel

/// Random addresses and networks: canonical text parses back, every textual form of an address
/// parses to it, and network membership agrees with a bitwise prefix comparison.
@Suite struct IPAddressPropertyTests {
    /// Eight groups, each zero half the time so that `::` runs of every length occur.
    static let groups = zip(Gen.bool(), Gen.int(in: 0...0xffff))
        .map { isZero, value in UInt16(isZero ? 0 : value) }
        .array(of: 8)

    static func address(_ groups: [UInt16]) -> IPAddress {
        let words = groups.map(UInt64.init)
        let high = words[0..<4].reduce(0) { $0 << 16 | $1 }
        let low = words[4..<8].reduce(0) { $0 << 16 | $1 }
        return IPAddress(high: high, low: low)
    }

    /// Eight groups without abbreviation: always IPv6 text, even for an IPv4-mapped address.
    static func fullText(_ groups: [UInt16]) -> String {
        groups.map { String($0, radix: 16) }.joined(separator: ":")
    }

    @Test func canonicalTextParsesBack() async {
        await propertyCheck(count: 500, input: Self.groups) { groups in
            let ip = Self.address(groups)
            #expect(IPAddress(ip.description) == ip, "\(ip)")
            let full = Self.fullText(groups)
            #expect(IPAddress(full) == ip, "\(full)")
            let padded = groups.map { group in
                let hex = String(group, radix: 16, uppercase: true)
                return String(repeating: "0", count: 4 - hex.count) + hex
            }
            #expect(IPAddress(padded.joined(separator: ":")) == ip, "\(padded)")
            #expect(!ip.description.contains(":::"))
            #expect(ip.description.ranges(of: "::").count <= 1)
        }
    }

    @Test func dottedQuadsRoundTrip() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...255).array(of: 4)) { octets in
            let text = octets.map(String.init).joined(separator: ".")
            let ip = try #require(IPAddress(text))
            #expect(ip.description == text)
            #expect(ip.isIPv4)
            #expect(Array(ip.bytes[12...]) == octets.map(UInt8.init))
            #expect(IPAddress("::ffff:" + text) == ip)
        }
    }

    @Test func networkMembershipIsAPrefixComparison() async {
        await propertyCheck(count: 500, input: Self.groups, Self.groups, Gen.int(in: 0...128)) { a, b, prefix in
            let network = try #require(IPNetwork(cidr: "\(Self.fullText(a))/\(prefix)"))
            let candidate = Self.address(b)
            let bitsA = Self.address(a).bytes.flatMap(Self.bits)
            let bitsB = candidate.bytes.flatMap(Self.bits)
            let samePrefix = bitsA.prefix(prefix) == bitsB.prefix(prefix)
            // Go compares only within one family; the IPv4 view applies when the network is IPv4.
            let expected = network.isIPv4 == candidate.isIPv4 && samePrefix
            #expect(network.contains(candidate) == expected, "\(network) ∋ \(candidate)")
            if let first = network.address(at: 0) { #expect(network.contains(first)) }
        }
    }

    private static func bits(_ byte: UInt8) -> [Bool] {
        (0..<8).map { byte & (0x80 >> $0) != 0 }
    }
}
