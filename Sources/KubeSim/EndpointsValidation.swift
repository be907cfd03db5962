import KubeModel

/// `ValidateEndpoints`: addresses must be real, routable IPs, ports in range and named when
/// there are several.
enum EndpointsValidation {
    static func validate(_ endpoints: JSONValue) -> [FieldError] {
        var errors = MetadataValidation.validate(endpoints, nameCheck: KubeValidation.isDNS1123Subdomain, namespaced: true)
        for (s, subset) in (endpoints["subsets"]?.arrayValue ?? []).enumerated() {
            let path = "subsets[\(s)]"
            let ready = subset["addresses"]?.arrayValue ?? []
            let notReady = subset["notReadyAddresses"]?.arrayValue ?? []
            if ready.isEmpty, notReady.isEmpty {
                errors.append(.required("\(path)", "must specify `addresses` or `notReadyAddresses`"))
            }
            for (i, address) in ready.enumerated() { errors += validateAddress(address, "\(path).addresses[\(i)]") }
            for (i, address) in notReady.enumerated() {
                errors += validateAddress(address, "\(path).notReadyAddresses[\(i)]")
            }
            errors += PortValidation.validate(subset["ports"]?.arrayValue ?? [], path: "\(path).ports", defaultProtocol: nil)
        }
        return errors
    }

    private static func validateAddress(_ address: JSONValue, _ path: String) -> [FieldError] {
        let text = address["ip"]?.stringValue ?? ""
        guard let ip = IPAddress(text) else {
            return [.invalid("\(path).ip", .string(text), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
        }
        var errors = nonSpecialIPErrors(ip, text, "\(path).ip")
        if let hostname = address["hostname"]?.stringValue, !hostname.isEmpty {
            for detail in KubeValidation.isDNS1123Label(hostname) {
                errors.append(.invalid("\(path).hostname", .string(hostname), detail))
            }
        }
        return errors
    }

    /// `ValidateNonSpecialIP`, shared with EndpointSlices.
    static func nonSpecialIPErrors(_ ip: IPAddress, _ text: String, _ path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if ip.isUnspecified {
            errors.append(.invalid(path, .string(text), "may not be unspecified (\(text))"))
        }
        if ip.isLoopback {
            errors.append(.invalid(path, .string(text), "may not be in the loopback range (127.0.0.0/8, ::1/128)"))
        }
        if ip.isLinkLocalUnicast {
            errors.append(.invalid(path, .string(text), "may not be in the link-local range (169.254.0.0/16, fe80::/10)"))
        }
        if ip.isLinkLocalMulticast {
            errors.append(.invalid(path, .string(text),
                "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"))
        }
        return errors
    }
}
