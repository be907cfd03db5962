import CZeroMQ

/// Z85, the ZeroMQ text encoding of binary keys (RFC 32): 4 bytes become 5 printable
/// characters, so keys can live in Secrets, flags and config files.
public enum Z85 {
    static let alphabet = Set(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8
    )

    /// Nil unless `bytes.count` is a multiple of 4.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        var text = [CChar](repeating: 0, count: bytes.count / 4 * 5 + 1)
        let encoded = bytes.withUnsafeBufferPointer { data in
            zmq_z85_encode(&text, data.baseAddress, data.count)
        }
        guard encoded != nil else { return nil }
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Nil for anything that is not valid Z85. The text is checked here before libzmq
    /// sees it, so that input from files or flags never reaches C with a surprise inside
    /// (an embedded NUL would silently shorten it).
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard !characters.isEmpty, characters.count % 5 == 0,
            characters.allSatisfy(alphabet.contains)
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: characters.count / 5 * 4)
        let decoded = text.withCString { zmq_z85_decode(&bytes, $0) }
        return decoded == nil ? nil : bytes
    }
}
