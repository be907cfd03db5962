/// Why a frame was refused. Each case is one drop counter and one log line on the
/// receiving side; none of them may stop the receiver.
public enum ShardCodecError: Error, Equatable, Sendable {
    /// Larger than the frame limit (checked before any decoding work).
    case oversized(size: Int, limit: Int)
    /// Not a valid Envelope encoding.
    case undecodable(reason: String)
    /// Decoded, but speaks a protocol version this side does not support (0: none given).
    case unsupportedVersion(UInt32)
    /// Decoded, but carries no message this version knows.
    case missingBody
    /// The envelope could not be serialised (e.g. a string field that is not UTF-8).
    case unencodable(reason: String)

    /// A stable name for the drop counter and the log line.
    public var counterLabel: String {
        switch self {
        case .oversized: "oversized"
        case .undecodable: "undecodable"
        case .unsupportedVersion: "unsupported_version"
        case .missingBody: "missing_body"
        case .unencodable: "unencodable"
        }
    }
}
