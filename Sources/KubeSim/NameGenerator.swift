/// `generateName` suffixes: five characters from the apiserver's alphabet (no vowels, no
/// look-alikes), as `names.SimpleNameGenerator` makes them.
enum NameGenerator {
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func suffix() -> String {
        String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }
}

/// Random (version 4) UUIDs for `metadata.uid`.
enum UUIDGenerator {
    static func next() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { b -> String in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}
