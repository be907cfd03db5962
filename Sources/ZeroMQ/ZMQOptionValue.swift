/// How a socket option's Swift value is laid out in the bytes `zmq_setsockopt` and
/// `zmq_getsockopt` exchange.
public protocol ZMQOptionValue: Sendable {
    var optionBytes: [UInt8] { get }
    /// Nil when libzmq returned bytes that do not form a value of this type.
    init?(optionBytes: [UInt8])
    /// Buffer size `zmq_getsockopt` needs for this type.
    static var maxOptionSize: Int { get }
}

/// libzmq's `int` and `int64_t` options: the integer's bytes in machine order.
extension FixedWidthInteger where Self: ZMQOptionValue {
    public var optionBytes: [UInt8] {
        withUnsafeBytes(of: self) { Array($0) }
    }

    public init?(optionBytes: [UInt8]) {
        guard optionBytes.count == MemoryLayout<Self>.size else { return nil }
        self = optionBytes.withUnsafeBytes { $0.loadUnaligned(as: Self.self) }
    }

    public static var maxOptionSize: Int { MemoryLayout<Self>.size }
}

extension Int32: ZMQOptionValue {}
extension Int64: ZMQOptionValue {}

extension Bool: ZMQOptionValue {
    public var optionBytes: [UInt8] { Int32(self ? 1 : 0).optionBytes }

    public init?(optionBytes: [UInt8]) {
        guard let value = Int32(optionBytes: optionBytes) else { return nil }
        self = value != 0
    }

    public static var maxOptionSize: Int { Int32.maxOptionSize }
}

extension Duration: ZMQOptionValue {
    /// Whole milliseconds, clamped to what an `int` holds.
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        let limit = Int64(Int32.max / 1000)
        guard seconds < limit else { return .max }
        guard seconds > -limit else { return .min }
        return Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    public var optionBytes: [UInt8] { milliseconds.optionBytes }

    public init?(optionBytes: [UInt8]) {
        guard let millis = Int32(optionBytes: optionBytes) else { return nil }
        self = .milliseconds(millis)
    }

    public static var maxOptionSize: Int { Int32.maxOptionSize }
}

extension ZMQTimeout: ZMQOptionValue {
    var milliseconds: Int32 {
        switch self {
        case .forever: -1
        case .after(let duration): duration.milliseconds
        }
    }

    public var optionBytes: [UInt8] { milliseconds.optionBytes }

    public init?(optionBytes: [UInt8]) {
        guard let millis = Int32(optionBytes: optionBytes) else { return nil }
        self = millis < 0 ? .forever : .after(.milliseconds(millis))
    }

    public static var maxOptionSize: Int { Int32.maxOptionSize }
}

extension Array: ZMQOptionValue where Element == UInt8 {
    public var optionBytes: [UInt8] { self }

    public init?(optionBytes: [UInt8]) {
        self = optionBytes
    }

    public static var maxOptionSize: Int { 255 }
}

extension String: ZMQOptionValue {
    public var optionBytes: [UInt8] { Array(utf8) }

    /// libzmq returns strings with their terminating NUL included in the size.
    public init?(optionBytes: [UInt8]) {
        let text = optionBytes.last == 0 ? optionBytes.dropLast() : optionBytes[...]
        self = String(decoding: text, as: UTF8.self)
    }

    public static var maxOptionSize: Int { 1024 }
}
