/// An IP network (CIDR block) with the semantics of Go's `net.ParseCIDR` and `net.IPNet`.
///
/// Used to validate `loadBalancerSourceRanges` exactly as Kubernetes does, and by kube-sim to
/// hand out cluster IPs from a service range.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the block (host bits cleared).
    public let address: IPAddress
    /// The prefix length as written: at most 32 for IPv4 text, at most 128 for IPv6 text.
    public let prefixLength: Int
    /// Whether Go treats the block as IPv4: written in dotted-quad form, or an IPv6 prefix of
    /// at least 96 bits inside `::ffff:0:0/96` (Go's `IPNet` then drops to the 4-byte view).
    public let isIPv4: Bool
    /// The prefix length within the 128-bit form.
    private let prefix128: Int

    /// Parses `address/prefix` as Go's `net.ParseCIDR`: the address as `IPAddress` parses it,
    /// the prefix plain decimal within the family's width (so `10.1.1.1/42` fails).
    public init?(cidr: String) {
        guard let slash = cidr.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let addressText = String(cidr[..<slash])
        let prefixBytes = cidr.utf8[cidr.utf8.index(after: slash)...]
        guard let ip = IPAddress(addressText) else { return nil }
        // Go's netip.Addr.Is4 is true only for dotted-quad text, not for `::ffff:a.b.c.d`.
        let writtenAsIPv4 = !addressText.utf8.contains(UInt8(ascii: ":"))
        let width = writtenAsIPv4 ? 32 : 128
        guard let prefix = Self.parseDecimal(prefixBytes), prefix <= width else { return nil }
        let prefix128 = writtenAsIPv4 ? prefix + 96 : prefix
        self.init(containing: ip, prefix128: prefix128, prefixLength: prefix)
    }

    private init(containing ip: IPAddress, prefix128: Int, prefixLength: Int) {
        let (maskHigh, maskLow) = Self.mask(prefix128)
        let network = IPAddress(high: ip.high & maskHigh, low: ip.low & maskLow)
        self.address = network
        self.prefix128 = prefix128
        self.prefixLength = prefixLength
        self.isIPv4 = network.isIPv4
    }

    /// Go's `IPNet.Contains`: only addresses of the network's own family can be inside.
    public func contains(_ ip: IPAddress) -> Bool {
        guard ip.isIPv4 == isIPv4 else { return false }
        let (maskHigh, maskLow) = Self.mask(prefix128)
        return ip.high & maskHigh == address.high && ip.low & maskLow == address.low
    }

    /// The number of addresses in the block, saturating at `UInt64.max` for IPv6 blocks wider
    /// than /64 (too many to allocate from anyway).
    public var size: UInt64 {
        let hostBits = 128 - prefix128
        return hostBits >= 64 ? UInt64.max : UInt64(1) << UInt64(hostBits)
    }

    /// The address `offset` places after the network address, nil past the end of the block.
    /// Offset 0 is the network address itself; which offsets are usable is the caller's rule.
    public func address(at offset: UInt64) -> IPAddress? {
        let hostBits = 128 - prefix128
        if hostBits < 64 && offset >= UInt64(1) << UInt64(hostBits) { return nil }
        let (low, carry) = address.low.addingReportingOverflow(offset)
        return IPAddress(high: address.high &+ (carry ? 1 : 0), low: low)
    }

    /// Go's `IPNet.String()`, e.g. `10.0.0.0/8` or `fd00::/64`.
    public var description: String {
        "\(address)/\(isIPv4 ? prefix128 - 96 : prefix128)"
    }

    /// The 128-bit mask of a prefix length, as two halves.
    private static func mask(_ prefix: Int) -> (UInt64, UInt64) {
        func half(_ bits: Int) -> UInt64 {
            bits <= 0 ? 0 : bits >= 64 ? UInt64.max : ~(UInt64.max >> UInt64(bits))
        }
        return (half(prefix), half(prefix - 64))
    }

    /// Go's `dtoi` as used by `ParseCIDR`: one or more ASCII digits and nothing else (leading
    /// zeros allowed), refusing values that overflow.
    private static func parseDecimal(_ bytes: Substring.UTF8View) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            if value >= 0xFFFFFF { return nil }
        }
        return value
    }
}
