import CZeroMQ

/// One ZAP (ZeroMQ RFC 27) authentication request, as libzmq sends it to the handler bound
/// at `inproc://zeromq.zap.01` during a CURVE handshake, and the reply it expects.
public struct ZAPRequest: Sendable, Equatable {
    /// The only ZAP version libzmq speaks; a request of another version gets status 500.
    public static let version = "1.0"
    /// Where libzmq looks for the handler, in the context of the authenticating socket.
    public static let endpoint = "inproc://zeromq.zap.01"

    public let requestID: [UInt8]
    public let domain: String
    /// The peer's IP address (never a key).
    public let address: String
    /// "NULL", "PLAIN" or "CURVE".
    public let mechanism: String
    /// CURVE: the client's 32-byte long-term public key.
    public let credentials: [[UInt8]]

    /// Nil when `frames` is not a version-1.0 ZAP request.
    public init?(frames: [[UInt8]]) {
        guard frames.count >= 6, String(decoding: frames[0], as: UTF8.self) == Self.version else { return nil }
        requestID = frames[1]
        domain = String(decoding: frames[2], as: UTF8.self)
        address = String(decoding: frames[3], as: UTF8.self)
        mechanism = String(decoding: frames[5], as: UTF8.self)
        credentials = Array(frames.dropFirst(6))
    }

    /// The CURVE client key, nil for other mechanisms or a malformed credential.
    public var curveClientKey: CurveKey? {
        guard mechanism == "CURVE", let key = credentials.first else { return nil }
        return CurveKey(bytes: key)
    }

    /// The reply frames: 200 admits the peer, 400 refuses it.
    public func reply(admitted: Bool, text: String) -> [[UInt8]] {
        Self.reply(requestID: requestID, status: admitted ? "200" : "400", text: text)
    }

    /// A reply to a request that could not be parsed (status 500, no request id).
    public static func reply(requestID: [UInt8], status: String, text: String) -> [[UInt8]] {
        [Array(version.utf8), requestID, Array(status.utf8), Array(text.utf8), [], []]
    }
}

/// Whether the linked libzmq supports a capability such as "curve" (`zmq_has`).
public enum ZMQCapability {
    public static var curve: Bool { zmq_has("curve") != 0 }
}
