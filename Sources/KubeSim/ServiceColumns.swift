import KubeModel

/// `kubectl get services` columns, worded as kubectl's printers word them.
enum ServiceColumns {
    static let all: [PrinterColumn] = [
        BuiltinResources.path("Type", ".spec.type"),
        BuiltinResources.computed("Cluster-IP", { .string($0["spec"]?["clusterIP"]?.stringValue ?? "<none>") }),
        BuiltinResources.computed("External-IP", externalIP),
        BuiltinResources.computed("Port(s)", ports),
        PrinterColumn(name: "Selector", type: "string", priority: 1, source: .computed(selector)),
    ]

    static func externalIP(_ service: JSONValue) -> JSONValue {
        let spec = service["spec"]
        let external = spec?["externalIPs"]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch spec?["type"]?.stringValue ?? "ClusterIP" {
        case "ExternalName":
            return .string(spec?["externalName"]?.stringValue ?? "<none>")
        case "LoadBalancer":
            let ingress = (service["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? []).compactMap {
                $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue
            }
            let all = ingress + external
            return .string(all.isEmpty ? "<pending>" : all.joined(separator: ","))
        default:
            return .string(external.isEmpty ? "<none>" : external.joined(separator: ","))
        }
    }

    static func ports(_ service: JSONValue) -> JSONValue {
        let ports = service["spec"]?["ports"]?.arrayValue ?? []
        if ports.isEmpty { return "<none>" }
        return .string(
            ports.map { port in
                let number = port["port"].map(SimpleJSONPath.text) ?? ""
                let proto = port["protocol"]?.stringValue ?? "TCP"
                if let node = port["nodePort"]?.intValue, node != 0 { return "\(number):\(node)/\(proto)" }
                return "\(number)/\(proto)"
            }.joined(separator: ","))
    }

    static func selector(_ service: JSONValue) -> JSONValue {
        let selector = service["spec"]?["selector"]?.objectValue ?? [:]
        if selector.isEmpty { return "<none>" }
        return .string(selector.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ","))
    }
}
