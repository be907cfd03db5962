import Foundation
import KubeModel
import PropertyBased
import Testing

@testable import KubeClient

@Suite struct WatchStreamDecoderTests {
    /// A stream with the awkward parts: braces and escaped quotes inside strings, multi-byte
    /// characters, a frame with newlines inside it, CRLF, a bookmark, an ERROR frame, and a
    /// frame that is JSON but not a watch event.
    static let stream = Array(
        """
        {"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"1"},"note":"{not a brace} \\"quoted\\" é✓"}}
        {"type":"MODIFIED","object":{"metadata":{"name":"a","resourceVersion":"2"},"list":[1,[2,{"x":"]"}]]}}\r
        {"type":"BOOKMARK","object":{"kind":"Thing","metadata":{"resourceVersion":"3","annotations":{"k8s.io/initial-events-end":"true"}}}}
        {
          "type": "DELETED",
          "object": {"metadata": {"name": "a", "resourceVersion": "4"}}
        }
        {"type":"SURPRISE","object":{}}
        {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","code":410,"message":"too old"}}

        """.utf8)

    /// A comparable rendering of a frame.
    static func render(_ frame: WatchFrame<JSONValue>) -> String {
        switch frame {
        case .event(let event):
            "\(event.type.rawValue) \(event.object.value(at: ["metadata", "resourceVersion"])?.stringValue ?? "?") \(canonical(event.object))"
        case .bookmark(let rv, let end): "BOOKMARK \(rv) \(end)"
        case .error(let status): "ERROR \(status.code ?? 0) \(status.reason ?? "")"
        case .malformed: "MALFORMED"
        }
    }

    static func canonical(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "unencodable"
    }

    static func decode(_ bytes: [UInt8], chunkSizes: [Int]) -> [String] {
        var decoder = WatchStreamDecoder<JSONValue>()
        var frames: [String] = []
        var offset = 0
        var sizes = chunkSizes.makeIterator()
        while offset < bytes.count {
            let size = sizes.next() ?? bytes.count
            let end = min(bytes.count, offset + max(1, size))
            frames += decoder.feed(bytes[offset..<end]).map(render)
            offset = end
        }
        #expect(!decoder.hasPartialFrame)
        return frames
    }

    @Test func decodesEveryKindOfFrameInOrder() {
        let frames = Self.decode(Self.stream, chunkSizes: [])
        #expect(frames.count == 6)
        #expect(frames[0].hasPrefix("ADDED 1"))
        #expect(frames[0].contains("é✓"))
        #expect(frames[1].hasPrefix("MODIFIED 2"))
        #expect(frames[2] == "BOOKMARK 3 true")
        #expect(frames[3].hasPrefix("DELETED 4"))
        #expect(frames[4] == "MALFORMED")
        #expect(frames[5] == "ERROR 410 Expired")
    }

    @Test func anyChunkingGivesTheSameFrames() async {
        let whole = Self.decode(Self.stream, chunkSizes: [])
        await propertyCheck(count: 300, input: Gen.int(in: 1...40).array(of: 1...60)) { sizes in
            #expect(Self.decode(Self.stream, chunkSizes: sizes) == whole)
        }
    }

    @Test func byteAtATimeSplitsMultiByteCharactersAndStillDecodes() {
        #expect(Self.decode(Self.stream, chunkSizes: Array(repeating: 1, count: Self.stream.count)) == Self.decode(Self.stream, chunkSizes: []))
    }

    @Test func strayBytesBetweenFramesAreReportedOnceAndDecodingContinues() {
        var decoder = WatchStreamDecoder<JSONValue>()
        let frames = decoder.feed(Array("garbage here\n{\"type\":\"ADDED\",\"object\":{}}\n".utf8)).map(Self.render)
        #expect(frames == ["MALFORMED", "ADDED ? {}"])
    }

    @Test func anUnfinishedFrameWaitsForMoreBytes() {
        var decoder = WatchStreamDecoder<JSONValue>()
        #expect(decoder.feed(Array(#"{"type":"ADDED","object":{"a":"}"#.utf8)).isEmpty)
        #expect(decoder.hasPartialFrame)
        #expect(decoder.feed(Array(#"}"}}"#.utf8)).count == 1)
        #expect(!decoder.hasPartialFrame)
    }

    @Test func anOversizedFrameIsDroppedAndTheNextOneDecodes() {
        var decoder = WatchStreamDecoder<JSONValue>(maxFrameBytes: 32)
        var frames = decoder.feed(Array(#"{"type":"ADDED","object":{"padding":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 64))
        frames += decoder.feed(Array(#""}}"#.utf8) + Array("\n{\"type\":\"DELETED\",\"object\":{}}\n".utf8))
        #expect(frames.map(Self.render) == ["MALFORMED", "DELETED ? {}"])
    }

    @Test func typedObjectsDecodeAndBookmarksNeedNoFullObject() {
        var decoder = WatchStreamDecoder<Lease>()
        let frames = decoder.feed(Array(
            """
            {"type":"ADDED","object":{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l","namespace":"ns","resourceVersion":"7"}}}
            {"type":"BOOKMARK","object":{"kind":"Lease","apiVersion":"coordination.k8s.io/v1","metadata":{"resourceVersion":"9"}}}

            """.utf8))
        #expect(frames.count == 2)
        #expect(frames.first?.resourceVersion == "7")
        #expect(frames.last?.resourceVersion == "9")
    }
}
