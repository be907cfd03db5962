import KubeModel

/// The canonical form of an EndpointSlice (see `CanonicalForm`): endpoint and port order carry
/// no meaning, nor do the values the API server defaults (a port's empty name, `TCP`).
extension CanonicalForm {
    public static func needsWrite(stored: EndpointSlice, desired: EndpointSlice) -> Bool {
        canonical(stored) != canonical(desired)
    }

    static func canonical(_ slice: EndpointSlice) -> EndpointSlice {
        var slice = slice
        slice.metadata = canonical(slice.metadata)
        slice.endpoints = slice.endpoints?
            .map(canonical)
            .sorted { EndpointSliceEndpointKey($0) < EndpointSliceEndpointKey($1) }
            .nilIfEmpty
        slice.ports = slice.ports?.map(canonical).sorted { portKey($0) < portKey($1) }.nilIfEmpty
        return slice
    }

    static func canonical(_ endpoint: EndpointSlice.Endpoint) -> EndpointSlice.Endpoint {
        var endpoint = endpoint
        endpoint.hostname = endpoint.hostname?.nilIfEmpty
        endpoint.nodeName = endpoint.nodeName?.nilIfEmpty
        endpoint.zone = endpoint.zone?.nilIfEmpty
        return endpoint
    }

    static func canonical(_ port: EndpointSlicePort) -> EndpointSlicePort {
        EndpointSlicePort(
            name: port.name ?? "", port: port.port, protocol: port.protocol ?? "TCP",
            appProtocol: port.appProtocol?.nilIfEmpty)
    }

    private static func portKey(_ port: EndpointSlicePort) -> String {
        "\(port.name ?? "")/\(port.protocol ?? "")/\(port.port.map { String($0) } ?? "")"
    }
}
