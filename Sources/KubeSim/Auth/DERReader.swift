/// Just enough of a DER (X.690) reader to walk an X.509 certificate to its issuer and
/// subject names. Every read is bounds-checked: a malformed certificate yields nil, never a
/// crash.
struct DERReader {
    struct Element {
        var tag: UInt8
        /// The element's content octets.
        var content: ArraySlice<UInt8>
        /// The whole element, tag and length included (names are compared this way).
        var encoded: ArraySlice<UInt8>
    }

    static let sequence: UInt8 = 0x30
    static let set: UInt8 = 0x31
    static let objectIdentifier: UInt8 = 0x06

    /// The whole input (element slices index into it) and what is left to read.
    private let input: ArraySlice<UInt8>
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        input = bytes
        self.bytes = bytes
    }

    var isAtEnd: Bool { bytes.isEmpty }

    /// The next element, or nil when the input ends or is malformed.
    mutating func next() -> Element? {
        let start = bytes.startIndex
        guard let tag = bytes.popFirst(), let first = bytes.popFirst() else { return nil }
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            // Long form: the low bits count the length octets (at most 4 make sense here).
            let count = Int(first & 0x7F)
            guard count > 0, count <= 4, bytes.count >= count else { return nil }
            for _ in 0..<count {
                guard let octet = bytes.popFirst() else { return nil }
                length = length << 8 | Int(octet)
            }
        }
        guard length <= bytes.count else { return nil }
        let content = bytes.prefix(length)
        bytes = bytes.dropFirst(length)
        return Element(tag: tag, content: content, encoded: input[start..<content.endIndex])
    }

    /// The next element if it has `tag`.
    mutating func next(_ tag: UInt8) -> Element? {
        guard let element = next(), element.tag == tag else { return nil }
        return element
    }
}
