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
        var secretText = [CChar](repeating: 0, count: z85KeyBufferSize)
        let publicKey = try z85Key { zmq_curve_keypair($0, &secretText) }
        let secretKey = try z85Key { buffer in
            buffer.update(from: secretText, count: z85KeyBufferSize)
            return 0
        }
        return CurveKeyPair(publicKey: publicKey, secretKey: secretKey)
    }

    /// The pair that belongs to `secretKey`, e.g. when only the secret is configured.
    public init(secretKey: CurveKey) throws(ZMQError) {
        let publicKey = try z85Key { buffer in
            secretKey.z85.withCString { zmq_curve_public(buffer, $0) }
        }
        self.init(publicKey: publicKey, secretKey: secretKey)
    }

    init(publicKey: CurveKey, secretKey: CurveKey) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }
}

/// 40 Z85 characters and the terminating NUL.
private let z85KeyBufferSize = 41

/// Runs a libzmq call that writes a Z85 key into a buffer, and decodes the key.
private func z85Key(_ write: (UnsafeMutablePointer<CChar>) -> Int32) throws(ZMQError) -> CurveKey {
    var buffer = [CChar](repeating: 0, count: z85KeyBufferSize)
    let rc = buffer.withUnsafeMutableBufferPointer { $0.baseAddress.map(write) ?? -1 }
    guard rc == 0 else {
        throw ZMQError.last()
    }
    let text = String(decoding: buffer.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let key = CurveKey(z85: text) else { throw ZMQError.malformedReply }
    return key
}
