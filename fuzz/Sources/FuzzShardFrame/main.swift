import ShardProtocol

/// Whatever a peer sends, `decode` returns or throws; an envelope it accepts encodes and
/// decodes again to the same envelope.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShardFrame(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let codec = ShardCodec(maxFrameBytes: 1 << 16)
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let envelope = try? codec.decode(bytes) else { return 0 }
    guard let again = try? codec.encode(envelope) else { return 0 }  // re-encoding may grow past the limit
    precondition((try? codec.decode(again)) == envelope, "an accepted envelope did not survive a round trip")
    return 0
}
