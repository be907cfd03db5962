import KubeClient

/// A kubeconfig file is user input: any text parses or fails with a `KubeConfigError`
/// naming the field, and a config that parses resolves or fails the same way. Nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKubeConfig(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let path = "/fuzz/kubeconfig"
    guard let config = try? KubeConfigLoader.parse(text, path: path) else { return 0 }
    do {
        _ = try KubeConfigLoader.resolve(config, context: nil, files: [path])
    } catch is KubeConfigError {
    } catch {
        preconditionFailure("resolve threw something other than KubeConfigError: \(error)")
    }
    return 0
}
