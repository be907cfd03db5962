import KubeModel

/// The checks Service ports and Endpoints ports share: a DNS-label name, required and unique
/// when there are several, a number in 1-65535, a supported protocol.
enum PortValidation {
    static let protocols = ["SCTP", "TCP", "UDP"]

    /// `defaultProtocol` is what a missing protocol means (Services are defaulted to TCP
    /// before validation; Endpoints must say it).
    static func validate(_ ports: [JSONValue], path base: String, defaultProtocol: String?) -> [FieldError] {
        var errors: [FieldError] = []
        var names = Set<String>()
        for (i, port) in ports.enumerated() {
            let path = "\(base)[\(i)]"
            let name = port["name"]?.stringValue ?? ""
            if ports.count > 1, name.isEmpty {
                errors.append(.required("\(path).name"))
            } else if !name.isEmpty {
                for detail in KubeValidation.isDNS1123Label(name) {
                    errors.append(.invalid("\(path).name", .string(name), detail))
                }
                if !names.insert(name).inserted { errors.append(.duplicate("\(path).name", .string(name))) }
            }
            let number = port["port"]?.intValue ?? 0
            if !(1...65535).contains(number) {
                errors.append(.invalid("\(path).port", .number(Double(number)), KubeValidation.inclusiveRangeError(1, 65535)))
            }
            let proto = port["protocol"]?.stringValue ?? defaultProtocol ?? ""
            if proto.isEmpty {
                errors.append(.required("\(path).protocol"))
            } else if !protocols.contains(proto) {
                errors.append(.notSupported("\(path).protocol", .string(proto), supported: protocols))
            }
        }
        return errors
    }
}
