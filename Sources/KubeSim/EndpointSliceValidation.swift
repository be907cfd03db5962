import KubeModel

/// The API server's rules for `discovery.k8s.io/v1` EndpointSlices (`SetDefaults_EndpointPort`,
/// `ValidateEndpointSliceCreate`/`Update`): metadata and labels, a supported and immutable
/// `addressType`, at most 1000 endpoints of 1 to 100 addresses valid for that type, at most
/// 100 ports with unique DNS-label names and a supported protocol.
enum EndpointSliceValidation {
    static let addressTypes = ["FQDN", "IPv4", "IPv6"]
    static let maxEndpoints = EndpointSlice.maxEndpoints
    static let maxAddresses = 100
    static let maxPorts = 100

    /// A port's name defaults to "" and its protocol to TCP.
    static func applyDefaults(_ slice: inout JSONValue) {
        guard let ports = slice["ports"]?.arrayValue else { return }
        slice["ports"] = .array(ports.map { port in
            var port = port
            if port["name"] == nil || port["name"] == .null { port["name"] = "" }
            if port["protocol"] == nil || port["protocol"] == .null { port["protocol"] = "TCP" }
            return port
        })
    }

    static func validate(_ slice: JSONValue, old: JSONValue?) -> [FieldError] {
        var errors = MetadataValidation.validate(slice, nameCheck: KubeValidation.isDNS1123Subdomain, namespaced: true)
        let addressType = slice["addressType"]?.stringValue ?? ""
        if addressType.isEmpty {
            errors.append(.required("addressType"))
        } else if !addressTypes.contains(addressType) {
            errors.append(.notSupported("addressType", .string(addressType), supported: addressTypes))
        }
        if let old, let previous = old["addressType"]?.stringValue, previous != addressType {
            errors.append(.invalid("addressType", .string(addressType), "field is immutable"))
        }
        errors += validateEndpoints(slice["endpoints"]?.arrayValue ?? [], addressType: addressType)
        errors += validatePorts(slice["ports"]?.arrayValue ?? [])
        return errors
    }

    private static func validateEndpoints(_ endpoints: [JSONValue], addressType: String) -> [FieldError] {
        guard endpoints.count <= maxEndpoints else {
            return [.tooMany("endpoints", actual: endpoints.count, max: maxEndpoints)]
        }
        var errors: [FieldError] = []
        for (e, endpoint) in endpoints.enumerated() {
            let path = "endpoints[\(e)].addresses"
            let addresses = endpoint["addresses"]?.arrayValue ?? []
            if addresses.isEmpty {
                errors.append(.required(path, "must contain at least 1 address"))
            } else if addresses.count > maxAddresses {
                errors.append(.tooMany(path, actual: addresses.count, max: maxAddresses))
            }
            for (a, address) in addresses.enumerated() {
                errors += validateAddress(address.stringValue ?? "", type: addressType, path: "\(path)[\(a)]")
            }
            if let hostname = endpoint["hostname"]?.stringValue {
                for detail in KubeValidation.isDNS1123Label(hostname) {
                    errors.append(.invalid("endpoints[\(e)].hostname", .string(hostname), detail))
                }
            }
        }
        return errors
    }

    /// Unknown address types are not checked further (they were already reported).
    private static func validateAddress(_ text: String, type: String, path: String) -> [FieldError] {
        switch type {
        case "IPv4", "IPv6":
            guard let ip = IPAddress(text), ip.isIPv4 == (type == "IPv4") else {
                return [.invalid(path, .string(text), "must be a valid \(type) address")]
            }
            return EndpointsValidation.nonSpecialIPErrors(ip, text, path)
        case "FQDN":
            var details = KubeValidation.isDNS1123Subdomain(text)
            if text.split(separator: ".", omittingEmptySubsequences: false).count < 2 {
                details.insert("should be a domain with at least two segments separated by dots", at: 0)
            }
            return details.map { .invalid(path, .string(text), $0) }
        default:
            return []
        }
    }

    private static func validatePorts(_ ports: [JSONValue]) -> [FieldError] {
        guard ports.count <= maxPorts else { return [.tooMany("ports", actual: ports.count, max: maxPorts)] }
        var errors: [FieldError] = []
        var names = Set<String>()
        for (i, port) in ports.enumerated() {
            let path = "ports[\(i)]"
            let name = port["name"]?.stringValue ?? ""
            if !name.isEmpty {
                for detail in KubeValidation.isDNS1123Label(name) {
                    errors.append(.invalid("\(path).name", .string(name), detail))
                }
            }
            if !names.insert(name).inserted { errors.append(.duplicate("\(path).name", .string(name))) }
            let proto = port["protocol"]?.stringValue ?? ""
            if proto.isEmpty {
                errors.append(.required("\(path).protocol"))
            } else if !PortValidation.protocols.contains(proto) {
                errors.append(.notSupported("\(path).protocol", .string(proto), supported: PortValidation.protocols))
            }
            if let appProtocol = port["appProtocol"]?.stringValue {
                for detail in KubeValidation.isQualifiedName(appProtocol) {
                    errors.append(.invalid("\(path).appProtocol", .string(appProtocol), detail))
                }
            }
        }
        return errors
    }
}
