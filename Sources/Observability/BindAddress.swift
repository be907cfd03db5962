/// A controller-runtime style bind address: `:8080` (every interface), `127.0.0.1:8080`,
/// `[::1]:8080`, port 0 for a free port, and `0` alone to turn the endpoint off.
public struct BindAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// nil for `0` (disabled); throws on anything that is not `[host]:port`.
    public static func parse(_ text: String) throws(BindAddressError) -> BindAddress? {
        if text == "0" { return nil }
        guard let colon = text.lastIndex(of: ":") else { throw BindAddressError(text: text) }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw BindAddressError(text: text)
        }
        return BindAddress(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

public struct BindAddressError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "invalid bind address '\(text)': expected [host]:port, or 0 to disable" }
}
