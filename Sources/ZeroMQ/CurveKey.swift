import CZeroMQ

/// A 32-byte CURVE key (public or secret).
///
/// `description` never shows the bytes, so a secret key cannot end up in a log by
/// accident; use `z85` explicitly where a key must be written out.
public struct CurveKey: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32

    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// A key in its 40-character Z85 form.
    public init?(z85: String) {
        guard let bytes = Z85.decode(z85) else { return nil }
        self.init(bytes: bytes)
    }

    public var z85: String {
        // 32 bytes are always encodable.
        Z85.encode(bytes) ?? ""
    }

    public var description: String { "CurveKey(\(Self.byteCount) bytes)" }
}

extension CurveKey: ZMQOptionValue {
    public var optionBytes: [UInt8] { bytes }

    public init?(optionBytes: [UInt8]) {
        self.init(bytes: optionBytes)
    }

    public static var maxOptionSize: Int { byteCount }
}

/// A CURVE key pair: the coordinator's is the server key pair, each worker has a client one.
public struct CurveKeyPair: Sendable {
    public let publicKey: CurveKey
    public let secretKey: CurveKey

    /// A fresh random key pair (fails when libzmq was built without CURVE support).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicText = Self.z85Buffer()
        var secretText = Self.z85Buffer()
        guard zmq_curve_keypair(&publicText, &secretText) == 0 else { throw ZMQError.last() }
        return CurveKeyPair(publicKey: try Self.key(publicText), secretKey: try Self.key(secretText))
    }

    /// The pair that belongs to `secretKey`, e.g. when only the secret is configured.
    public init(secretKey: CurveKey) throws(ZMQError) {
        var publicText = Self.z85Buffer()
        let rc = secretKey.z85.withCString { zmq_curve_public(&publicText, $0) }
        guard rc == 0 else { throw ZMQError.last() }
        self.init(publicKey: try Self.key(publicText), secretKey: secretKey)
    }

    init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Room for 40 Z85 characters and the terminating NUL, as libzmq writes keys.
    private static func z85Buffer() -> [CChar] {
        [CChar](repeating: 0, count: 41)
    }

    private static func key(_ text: [CChar]) throws(ZMQError) -> CurveKey {
        let z85 = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let key = CurveKey(z85: z85) else { throw ZMQError.malformedReply }
        return key
    }
}
