import Foundation

/// Turns the bytes of a watch response, in chunks of any size, into frames.
///
/// The API server writes one JSON object per line, but chunks split frames anywhere (even
/// inside a multi-byte character), so the decoder keeps the unfinished tail. It finds frame
/// boundaries by tracking JSON nesting (outside strings) rather than newlines, so it also
/// copes with frames that contain newlines or lack them. Pure: no I/O, no clock.
public struct WatchStreamDecoder<Object: Codable & Sendable>: Sendable {
    /// A frame larger than this is reported malformed and skipped, so a broken stream cannot
    /// make the buffer grow without bound.
    public let maxFrameBytes: Int
    private var buffer: [UInt8] = []
    /// How far into `buffer` the scanner has looked.
    private var scanned = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// Bytes outside any frame that are not whitespace, reported once per line.
    private var strayBytes = false
    private var skippingOversized = false
    /// One decoder for every frame of the stream: creating one per frame costs more than
    /// decoding a small event.
    private let json = JSONDecoder()

    public init(maxFrameBytes: Int = 64 << 20) {
        self.maxFrameBytes = maxFrameBytes
    }

    /// The frames completed by `chunk`, in order.
    public mutating func feed(_ chunk: some Sequence<UInt8>) -> [WatchFrame<Object>] {
        buffer.append(contentsOf: chunk)
        var frames: [WatchFrame<Object>] = []
        var frameStart = 0
        var index = scanned
        while index < buffer.count {
            let byte = buffer[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if depth == 0 {
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    frameStart = index
                    depth = 1
                case UInt8(ascii: "\n"):
                    if strayBytes { frames.append(.malformed(reason: "bytes between frames are not JSON")) }
                    strayBytes = false
                case UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    break
                default:
                    strayBytes = true
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        if skippingOversized {
                            skippingOversized = false
                        } else {
                            frames.append(decode(buffer[frameStart...index]))
                        }
                        frameStart = index + 1
                    }
                default: break
                }
            }
            index += 1
        }
        // Keep only the unfinished frame.
        let keepFrom = depth > 0 ? frameStart : buffer.count
        if depth > 0 && !skippingOversized && buffer.count - frameStart > maxFrameBytes {
            frames.append(.malformed(reason: "frame larger than \(maxFrameBytes) bytes"))
            skippingOversized = true
        }
        buffer.removeSubrange(0..<(skippingOversized ? buffer.count : keepFrom))
        scanned = buffer.count
        return frames
    }

    /// Whether bytes of an unfinished frame remain: at the end of a stream that means it was
    /// cut mid-frame.
    public var hasPartialFrame: Bool { depth > 0 || strayBytes }

    func decode(_ bytes: ArraySlice<UInt8>) -> WatchFrame<Object> {
        do {
            return try json.decode(WatchEnvelope<Object>.self, from: Data(bytes)).frame
        } catch {
            return .malformed(reason: "\(error)")
        }
    }
}
