import KubeModel

/// The ENDPOINTS column of `kubectl get endpoints`: up to three `ip:port`, then `+ N more...`.
enum EndpointsColumns {
    static func endpoints(_ endpoints: JSONValue) -> JSONValue {
        var all: [String] = []
        for subset in endpoints["subsets"]?.arrayValue ?? [] {
            let addresses = (subset["addresses"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
            let ports = (subset["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }
            for ip in addresses {
                if ports.isEmpty { all.append(ip) } else { all.append(contentsOf: ports.map { "\(ip):\($0)" }) }
            }
        }
        if all.isEmpty { return "<none>" }
        let shown = all.prefix(3).joined(separator: ",")
        return .string(all.count > 3 ? "\(shown) + \(all.count - 3) more..." : shown)
    }
}
