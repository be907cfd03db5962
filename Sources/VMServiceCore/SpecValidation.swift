import Foundation
import KubeModel

/// The spec rules of spec §10.1 as amended by §16.2: an empty type is ClusterIP, and only
/// ClusterIP and LoadBalancer are accepted. Field paths follow the reference webhook, which
/// names the cluster IP `spec.clusterIP` although the JSON field is `clusterIp`.
enum SpecValidation {
    static let supportedTypes = [ServiceType.clusterIP, ServiceType.loadBalancer]
    static let supportedProtocols = ["SCTP", "TCP", "UDP"]

    static func errors(in spec: VirtualMachineServiceSpec) -> [FieldError] {
        let clusterIP = spec.clusterIP ?? ""
        let isHeadless = clusterIP == "None"
        var errors: [FieldError] = []
        if spec.effectiveType == ServiceType.loadBalancer && isHeadless {
            errors.append(.invalid("spec.clusterIP", "None", "may not be set to 'None' for LoadBalancer services"))
        }
        errors += portErrors(spec.ports ?? [], isHeadless: isHeadless)
        errors += selectorErrors(spec.selector ?? [:])
        if !clusterIP.isEmpty && !isHeadless && IPAddress(clusterIP) == nil {
            errors.append(
                .invalid("spec.clusterIP", .string(clusterIP), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
        }
        errors += typeErrors(spec.type ?? "")
        errors += sourceRangeErrors(spec.loadBalancerSourceRanges ?? [], type: spec.effectiveType)
        return errors
    }

    private static func typeErrors(_ type: String) -> [FieldError] {
        switch type {
        case "", ServiceType.clusterIP, ServiceType.loadBalancer:
            return []
        case ServiceType.nodePort, ServiceType.externalName:
            return [
                FieldError(
                    type: .notSupported, field: "spec.type", badValue: .string(type),
                    detail: "\(type) is not supported for VirtualMachineService; create a plain Service instead")
            ]
        default:
            return [.notSupported("spec.type", .string(type), supported: supportedTypes)]
        }
    }

    private static func portErrors(_ ports: [VirtualMachineServicePort], isHeadless: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        if ports.isEmpty && !isHeadless { errors.append(.required("spec.ports")) }
        var names: Set<String> = []
        for (index, port) in ports.enumerated() {
            let path = "spec.ports[\(index)]"
            if port.name.isEmpty {
                if ports.count > 1 { errors.append(.required(path + ".name")) }
            } else {
                errors += KubeValidation.isDNS1123Label(port.name).map { .invalid(path + ".name", .string(port.name), $0) }
                if !names.insert(port.name).inserted { errors.append(.duplicate(path + ".name", .string(port.name))) }
            }
            errors += portNumberErrors(port.port, path: path + ".port")
            if port.protocol.isEmpty {
                errors.append(.required(path + ".protocol"))
            } else if !supportedProtocols.contains(port.protocol) {
                errors.append(.notSupported(path + ".protocol", .string(port.protocol), supported: supportedProtocols))
            }
            errors += portNumberErrors(port.targetPort, path: path + ".targetPort")
        }
        var seen: Set<String> = []
        for (index, port) in ports.enumerated() where !seen.insert("\(port.protocol)/\(port.port)").inserted {
            errors.append(
                .duplicate("spec.ports[\(index)]", ["protocol": .string(port.protocol), "port": .number(Double(port.port))]))
        }
        return errors
    }

    private static func portNumberErrors(_ number: Int32, path: String) -> [FieldError] {
        (1...65535).contains(number)
            ? [] : [.invalid(path, .number(Double(number)), KubeValidation.inclusiveRangeError(1, 65535))]
    }

    /// `ValidateLabels`: keys must be qualified names, values label values (keys sorted so the
    /// message is stable, where Go's map order is random).
    private static func selectorErrors(_ selector: [String: String]) -> [FieldError] {
        selector.keys.sorted().flatMap { key -> [FieldError] in
            let value = selector[key] ?? ""
            return KubeValidation.isQualifiedName(key).map { .invalid("spec.selector", .string(key), $0) }
                + KubeValidation.isValidLabelValue(value).map { .invalid("spec.selector", .string(value), $0) }
        }
    }

    private static func sourceRangeErrors(_ ranges: [String], type: String) -> [FieldError] {
        guard !ranges.isEmpty else { return [] }
        var errors: [FieldError] = []
        if type != ServiceType.loadBalancer {
            errors.append(.forbidden("spec.loadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"))
        }
        for (index, range) in ranges.enumerated() {
            let trimmed = range.trimmingCharacters(in: .whitespaces)
            if IPNetwork(cidr: trimmed) == nil {
                errors.append(
                    .invalid(
                        "spec.loadBalancerSourceRanges[\(index)]", .string(trimmed),
                        "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"))
            }
        }
        return errors
    }
}
