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
    private static let hex = Array("0123456789abcdef".utf8)

    /// Two draws of 64 bits (each draw can be a system call; a byte at a time made every
    /// create pay sixteen), written as lowercase `8-4-4-4-12` hex.
    static func next() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
