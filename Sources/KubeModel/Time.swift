/// `metav1.Time`: an instant with second precision, written as RFC 3339 in UTC
/// (`2024-05-01T12:00:00Z`), the way the API server writes `creationTimestamp`.
///
/// Parsing and formatting are done by hand: they run for every object in every watch
/// stream, and Foundation's formatters are both slow and locale-dependent.
public struct Time: Sendable, Hashable, Comparable, RFC3339Codable {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// Parses RFC 3339 (any offset, optional fraction, which is dropped).
    public init?(rfc3339 text: String) {
        guard let instant = RFC3339.parse(text) else { return nil }
        self.secondsSince1970 = instant.seconds
    }

    public var description: String { RFC3339.format(seconds: secondsSince1970, microseconds: nil) }

    public static func < (lhs: Time, rhs: Time) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }
}

/// `metav1.MicroTime`: microsecond precision, written `2024-05-01T12:00:00.000000Z`
/// (Leases and events.k8s.io Events use it).
public struct MicroTime: Sendable, Hashable, Comparable, RFC3339Codable {
    public var microsecondsSince1970: Int64

    public init(microsecondsSince1970: Int64) {
        self.microsecondsSince1970 = microsecondsSince1970
    }

    public init?(rfc3339 text: String) {
        guard let instant = RFC3339.parse(text) else { return nil }
        self.microsecondsSince1970 = instant.seconds * 1_000_000 + Int64(instant.microseconds)
    }

    public var description: String {
        let (seconds, micros) = microsecondsSince1970.quotientAndRemainder(dividingBy: 1_000_000)
        return micros < 0
            ? RFC3339.format(seconds: seconds - 1, microseconds: Int(micros + 1_000_000))
            : RFC3339.format(seconds: seconds, microseconds: Int(micros))
    }

    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool {
        lhs.microsecondsSince1970 < rhs.microsecondsSince1970
    }
}

/// A time that travels as an RFC 3339 string: its text is its `description`.
public protocol RFC3339Codable: Codable, CustomStringConvertible {
    init?(rfc3339 text: String)
}

extension RFC3339Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = Self(rfc3339: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// RFC 3339 in the proleptic Gregorian calendar, UTC, without Foundation.
enum RFC3339 {
    struct Instant {
        var seconds: Int64
        var microseconds: Int
    }

    static func parse(_ text: String) -> Instant? {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for i in start..<start + count {
                let d = Int(b[i]) - 48
                guard (0...9).contains(d) else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard b.count >= 20,
            let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
            let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
            let day = digits(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
            let minute = digits(14, 2), b[16] == UInt8(ascii: ":"),
            let second = digits(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var micros = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 100_000
            let start = i
            while i < b.count, (48...57).contains(b[i]) {
                micros += Int(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == b.count, let oh = digits(i + 1, 2), b[i + 3] == UInt8(ascii: ":"),
                let om = digits(i + 4, 2)
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return Instant(seconds: seconds, microseconds: micros)
    }

    /// Written into bytes: joining padded pieces cost a dozen string allocations, and every
    /// write stamps a time.
    static func format(seconds: Int64, microseconds: Int?) -> String {
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilFromDays(Int(days))
        let sod = Int(secondOfDay)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        appendPadded(year, 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(month, 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(day, 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendPadded(sod / 3600, 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(sod / 60 % 60, 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(sod % 60, 2, to: &out)
        if let microseconds {
            out.append(UInt8(ascii: "."))
            appendPadded(microseconds, 6, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` in decimal with at least `width` digits (zeros first; a negative year keeps
    /// its sign in front).
    private static func appendPadded(_ value: Int, _ width: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        var digits = 1
        while digits < width || magnitude / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        var rest = magnitude
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }
}
