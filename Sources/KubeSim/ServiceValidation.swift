import KubeModel

/// The checks of `ValidateService` (pkg/apis/core/validation) that clients run into,
/// with kube-apiserver's field paths and wording.
enum ServiceValidation {
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]

    static func validate(_ service: JSONValue) -> [FieldError] {
        var errors = MetadataValidation.validate(service, nameCheck: KubeValidation.isDNS1035Label, namespaced: true)
        let spec = service["spec"]?.objectValue ?? [:]
        let type = spec["type"]?.stringValue ?? "ClusterIP"
        if !types.contains(type) {
            errors.append(.notSupported("spec.type", .string(type), supported: types))
        }
        let clusterIP = spec["clusterIP"]?.stringValue ?? ""
        let headless = clusterIP == "None"
        let ports = spec["ports"]?.arrayValue ?? []
        if ports.isEmpty, !headless, type != "ExternalName" {
            errors.append(.required("spec.ports"))
        }
        errors += validatePorts(ports, type: type)
        if type == "ExternalName" {
            let name = spec["externalName"]?.stringValue ?? ""
            if name.isEmpty {
                errors.append(.required("spec.externalName"))
            } else {
                for detail in KubeValidation.isDNS1123Subdomain(name) {
                    errors.append(.invalid("spec.externalName", .string(name), detail))
                }
            }
        }
        for (i, ip) in ((spec["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)).enumerated()
        where ip != "None" && !ip.isEmpty && IPAddress(ip) == nil {
            errors.append(.invalid("spec.clusterIPs[\(i)]", .string(ip),
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
        }
        let externalIPs = spec["externalIPs"]?.arrayValue ?? []
        let externallyAccessible = type == "LoadBalancer" || type == "NodePort" || (type == "ClusterIP" && !externalIPs.isEmpty)
        if !externallyAccessible, let policy = spec["externalTrafficPolicy"]?.stringValue, !policy.isEmpty {
            errors.append(.invalid("spec.externalTrafficPolicy", .string(policy),
                "may only be set for externally-accessible services"))
        } else if let policy = spec["externalTrafficPolicy"]?.stringValue, !["Cluster", "Local"].contains(policy) {
            errors.append(.notSupported("spec.externalTrafficPolicy", .string(policy), supported: ["Cluster", "Local"]))
        }
        if let ranges = spec["loadBalancerSourceRanges"]?.arrayValue, !ranges.isEmpty {
            if type != "LoadBalancer" {
                errors.append(.forbidden("spec.loadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"))
            } else {
                for (i, range) in ranges.enumerated() {
                    let text = (range.stringValue ?? "").trimmingCharacters(in: " ")
                    if IPNetwork(cidr: text) == nil {
                        errors.append(.invalid("spec.loadBalancerSourceRanges[\(i)]", range,
                            "must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32"))
                    }
                }
            }
        }
        if let policy = spec["ipFamilyPolicy"]?.stringValue,
            !["SingleStack", "PreferDualStack", "RequireDualStack"].contains(policy)
        {
            errors.append(.notSupported("spec.ipFamilyPolicy", .string(policy),
                supported: ["PreferDualStack", "RequireDualStack", "SingleStack"]))
        }
        return errors
    }

    private static func validatePorts(_ ports: [JSONValue], type: String) -> [FieldError] {
        var errors = PortValidation.validate(ports, path: "spec.ports", defaultProtocol: "TCP")
        for (i, port) in ports.enumerated() {
            let path = "spec.ports[\(i)]"
            if let node = port["nodePort"]?.intValue, node != 0, type != "NodePort", type != "LoadBalancer" {
                errors.append(.forbidden("\(path).nodePort", "may not be used when `type` is '\(type)'"))
            }
        }
        return errors
    }
}
