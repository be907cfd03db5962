import KubeModel

/// Parsing never traps; a selector that parses prints as text that parses back to the same
/// selector (the coordinator and kube-sim both rely on the printed form).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabelSelector(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let selector = try? Selector.parse(text) else { return 0 }
    let printed = selector.description
    guard let reparsed = try? Selector.parse(printed) else {
        preconditionFailure("printed selector does not parse: \(printed.debugDescription) from \(text.debugDescription)")
    }
    precondition(reparsed.description == printed, "round trip changed \(printed.debugDescription)")
    _ = try? FieldSelector.parse(text)
    return 0
}
