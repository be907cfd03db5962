import KubeClient
import KubeModel

/// Any bytes, fed whole or split at a point the input chooses, decode to the same frames:
/// the decoder's result must not depend on how the network chunked the stream, and it must
/// never trap, whatever the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWatchStream(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let first = bytes.first else { return 0 }
    let stream = bytes.dropFirst()
    let split = stream.startIndex + Int(first) % (stream.count + 1)

    var whole = WatchStreamDecoder<VirtualMachine>(maxFrameBytes: 4096)
    let expected = summary(whole.feed(stream))
    var chunked = WatchStreamDecoder<VirtualMachine>(maxFrameBytes: 4096)
    let actual = summary(chunked.feed(stream[..<split]) + chunked.feed(stream[split...]))
    precondition(expected == actual, "chunking changed the frames: \(expected) vs \(actual)")
    precondition(whole.hasPartialFrame == chunked.hasPartialFrame)
    return 0
}

/// What a frame sequence says, comparable across decoders.
private func summary(_ frames: [WatchFrame<VirtualMachine>]) -> [String] {
    frames.map { frame in
        switch frame {
        case .event(let event): "\(event.type) \(event.object.metadata.name ?? "") \(event.object.metadata.resourceVersion ?? "")"
        case .bookmark(let version, let end): "BOOKMARK \(version) \(end)"
        case .error(let status): "ERROR \(status.code ?? 0)"
        case .malformed: "MALFORMED"
        }
    }
}
