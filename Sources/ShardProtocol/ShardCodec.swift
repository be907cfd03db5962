import SwiftProtobuf

/// Turns Envelopes into ZeroMQ frame payloads and back, and decides which incoming frames
/// are acceptable at all: within the size limit, decodable, of a supported version, and
/// carrying a message. Whatever the bytes, `decode` returns or throws; it never traps.
public struct ShardCodec: Sendable {
    /// The version this build speaks.
    public static let currentVersion: UInt32 = 1
    /// Versions this build accepts. Widen when a new version stays readable by old code.
    public static let supportedVersions: ClosedRange<UInt32> = 1...1
    /// Default frame limit: large enough for a snapshot chunk of a few thousand VMs,
    /// small enough that one frame cannot exhaust a receiver's memory.
    public static let defaultMaxFrameBytes = 4 * 1024 * 1024

    public let maxFrameBytes: Int
    public let supportedVersions: ClosedRange<UInt32>

    public init(
        maxFrameBytes: Int = ShardCodec.defaultMaxFrameBytes,
        supportedVersions: ClosedRange<UInt32> = ShardCodec.supportedVersions
    ) {
        self.maxFrameBytes = maxFrameBytes
        self.supportedVersions = supportedVersions
    }

    /// The payload for `body`, stamped with the current version. Refuses to produce a frame
    /// the peer would drop as oversized; the sender must split it (see `SnapshotChunker`).
    public func encode(_ body: ShardEnvelope.OneOf_Body) throws(ShardCodecError) -> [UInt8] {
        var envelope = ShardEnvelope()
        envelope.protocolVersion = Self.currentVersion
        envelope.body = body
        return try encode(envelope)
    }

    /// The payload for `envelope` exactly as given (its version is not changed).
    public func encode(_ envelope: ShardEnvelope) throws(ShardCodecError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try envelope.serializedBytes()
        } catch {
            throw .unencodable(reason: "\(error)")
        }
        guard bytes.count <= maxFrameBytes else {
            throw .oversized(size: bytes.count, limit: maxFrameBytes)
        }
        return bytes
    }

    public func decode(_ bytes: [UInt8]) throws(ShardCodecError) -> ShardEnvelope {
        guard bytes.count <= maxFrameBytes else {
            throw .oversized(size: bytes.count, limit: maxFrameBytes)
        }
        let envelope: ShardEnvelope
        do {
            envelope = try ShardEnvelope(serializedBytes: bytes)
        } catch {
            throw .undecodable(reason: "\(error)")
        }
        guard supportedVersions.contains(envelope.protocolVersion) else {
            throw .unsupportedVersion(envelope.protocolVersion)
        }
        guard envelope.body != nil else { throw .missingBody }
        return envelope
    }
}
