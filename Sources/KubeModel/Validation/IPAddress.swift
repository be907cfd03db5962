/// An IP address with the semantics of Go's `net.IP` as returned by `net.ParseIP`.
///
/// Kubernetes validates and classifies addresses with Go's rules, and the controller must
/// accept and reject exactly the same strings, so this is a small re-implementation of them
/// rather than a wrapper around `inet_pton` (which differs on leading zeros and on what it
/// accepts around embedded IPv4). Like Go, an IPv4 address is held as its IPv4-mapped IPv6 form,
/// so `1.2.3.4` and `::ffff:1.2.3.4` are the same address and both count as IPv4.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The 128 bits, most significant first.
    let high: UInt64
    let low: UInt64

    /// `::ffff:0:0/96`, the prefix that marks an IPv4 address in the 16-byte form.
    static let ipv4MappedPrefix: UInt64 = 0xffff_0000_0000

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The address for an IPv4 value given as 32 bits.
    init(ipv4 value: UInt32) {
        self.init(high: 0, low: Self.ipv4MappedPrefix | UInt64(value))
    }

    /// Parses an address as Go's `net.ParseIP` does (Go 1.17 and later): dotted-quad IPv4
    /// without leading zeros, or IPv6 text with at most one `::` and an optional trailing
    /// dotted quad. Zones (`fe80::1%eth0`) and surrounding whitespace are rejected.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard let v4 = Self.parseIPv4(bytes[...]) else { return nil }
                self.init(ipv4: v4)
                return
            }
            if byte == UInt8(ascii: ":") {
                guard let v6 = Self.parseIPv6(bytes) else { return nil }
                self = v6
                return
            }
        }
        return nil
    }

    /// Go's `To4() != nil`: a plain IPv4 address or an IPv4-mapped IPv6 address.
    public var isIPv4: Bool { high == 0 && low >> 32 == 0xffff }
    public var isIPv6: Bool { !isIPv4 }

    /// The low 32 bits, the IPv4 address when `isIPv4`.
    var ipv4Value: UInt32 { UInt32(truncatingIfNeeded: low) }

    /// The sixteen bytes of the IPv6 form.
    public var bytes: [UInt8] {
        (0..<16).map { i in
            let word = i < 8 ? high : low
            return UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64(i % 8)))
        }
    }

    /// `0.0.0.0` or `::`.
    public var isUnspecified: Bool { (high == 0 && low == 0) || (isIPv4 && ipv4Value == 0) }

    /// `127.0.0.0/8` or `::1`.
    public var isLoopback: Bool { isIPv4 ? ipv4Value >> 24 == 127 : high == 0 && low == 1 }

    /// `169.254.0.0/16` or `fe80::/10`.
    public var isLinkLocalUnicast: Bool {
        isIPv4 ? ipv4Value >> 16 == 0xa9fe : high >> 54 == 0xfe80 >> 6
    }

    /// `224.0.0.0/24` or `ff02::/16` (Go checks only the scope nibble of the second byte).
    public var isLinkLocalMulticast: Bool {
        isIPv4 ? ipv4Value >> 8 == 0xe00000 : high >> 56 == 0xff && (high >> 48) & 0x0f == 0x02
    }

    /// `224.0.0.0/4` or `ff00::/8`.
    public var isMulticast: Bool { isIPv4 ? ipv4Value >> 28 == 0xe : high >> 56 == 0xff }

    /// Go's `IP.String()`: dotted quad for IPv4 (also when mapped), otherwise RFC 5952 text
    /// (lower-case hex, the first longest run of two or more zero groups as `::`).
    public var description: String {
        if isIPv4 {
            let v = ipv4Value
            return "\(v >> 24).\((v >> 16) & 0xff).\((v >> 8) & 0xff).\(v & 0xff)"
        }
        let groups = (0..<8).map { i in UInt16(truncatingIfNeeded: (i < 4 ? high : low) >> (48 - 16 * UInt64(i % 4))) }
        var bestStart = -1
        var bestLength = 1
        var i = 0
        while i < 8 {
            var j = i
            while j < 8 && groups[j] == 0 { j += 1 }
            if j - i > bestLength {
                bestStart = i
                bestLength = j - i
            }
            i = j + 1
        }
        var out = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                out += "::"
                index += bestLength
                continue
            }
            if !out.isEmpty && !out.hasSuffix(":") { out += ":" }
            out += String(groups[index], radix: 16)
            index += 1
        }
        return out
    }
}

extension IPAddress {
    /// `netip.parseIPv4`: exactly four decimal fields of 0...255, no leading zeros.
    static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var result: UInt32 = 0
        var fields = 0
        var value: UInt32 = 0
        var digits = 0
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if digits == 1 && value == 0 { return nil }
                value = value * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if value > 255 { return nil }
            } else if byte == UInt8(ascii: ".") {
                if digits == 0 || fields == 3 { return nil }
                result = result << 8 | value
                fields += 1
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        if digits == 0 || fields != 3 { return nil }
        return result << 8 | value
    }

    /// `netip.parseIPv6` without zones.
    static func parseIPv6(_ input: [UInt8]) -> IPAddress? {
        var groups = [UInt16]()
        groups.reserveCapacity(8)
        var ellipsis: Int? = nil
        var s = input[...]
        if s.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return IPAddress(high: 0, low: 0) }
        }
        while groups.count < 8 {
            var value: UInt16 = 0
            var length = 0
            while let byte = s.dropFirst(length).first, let digit = hexValue(byte) {
                length += 1
                if length > 4 { return nil }
                value = value << 4 | UInt16(digit)
            }
            if length == 0 { return nil }
            if s.dropFirst(length).first == UInt8(ascii: ".") {
                // An embedded IPv4 address fills the last two groups.
                if (ellipsis == nil && groups.count != 6) || groups.count + 2 > 8 { return nil }
                guard let v4 = parseIPv4(s) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: v4 >> 16))
                groups.append(UInt16(truncatingIfNeeded: v4))
                s = s.dropFirst(s.count)
                break
            }
            groups.append(value)
            s = s.dropFirst(length)
            if s.isEmpty { break }
            guard s.first == UInt8(ascii: ":"), s.count > 1 else { return nil }
            s = s.dropFirst()
            if s.first == UInt8(ascii: ":") {
                if ellipsis != nil { return nil }
                ellipsis = groups.count
                s = s.dropFirst()
                if s.isEmpty { break }
            }
        }
        if !s.isEmpty { return nil }
        if let ellipsis {
            // `::` stands for at least one group of zeros.
            guard groups.count < 8 else { return nil }
            groups.insert(contentsOf: repeatElement(0, count: 8 - groups.count), at: ellipsis)
        } else if groups.count != 8 {
            return nil
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (i, group) in groups.enumerated() {
            if i < 4 { high = high << 16 | UInt64(group) } else { low = low << 16 | UInt64(group) }
        }
        return IPAddress(high: high, low: low)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
