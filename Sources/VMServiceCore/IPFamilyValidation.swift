import KubeModel

/// The IP-family rules (spec §1.4 and §10.1's WorkloadIPv6 row). In v1alpha3 the fields do
/// not exist, so any value is forbidden; in v1alpha6 the CRD's CEL rules are re-checked.
enum IPFamilyValidation {
    static let families = [IPFamily.ipv4, IPFamily.ipv6]
    static let policies = [IPFamilyPolicy.singleStack, IPFamilyPolicy.preferDualStack, IPFamilyPolicy.requireDualStack]

    static func errors(
        in spec: VirtualMachineServiceSpec, old: VirtualMachineServiceSpec?, version: VirtualMachineService.APIVersion
    ) -> [FieldError] {
        let ipFamilies = spec.ipFamilies ?? []
        guard version.hasIPFamiliesAndConditions else {
            var errors: [FieldError] = []
            let detail = "the WorkloadIPv6 feature is not enabled"
            if !ipFamilies.isEmpty { errors.append(.forbidden("spec.ipFamilies", detail)) }
            if spec.ipFamilyPolicy != nil { errors.append(.forbidden("spec.ipFamilyPolicy", detail)) }
            return errors
        }
        var errors: [FieldError] = []
        if ipFamilies.count > 2 { errors.append(.tooMany("spec.ipFamilies", actual: ipFamilies.count, max: 2)) }
        for (index, family) in ipFamilies.enumerated() where !families.contains(family) {
            errors.append(.notSupported("spec.ipFamilies[\(index)]", .string(family), supported: families))
        }
        if ipFamilies.count == 2 && ipFamilies[0] == ipFamilies[1] {
            errors.append(.invalid("spec.ipFamilies", jsonList(ipFamilies), "must not contain duplicate entries"))
        }
        if let policy = spec.ipFamilyPolicy, !policies.contains(policy) {
            errors.append(.notSupported("spec.ipFamilyPolicy", .string(policy), supported: policies))
        }
        if let oldPrimary = old?.ipFamilies?.first, spec.effectiveType != ServiceType.externalName,
            ipFamilies.first != oldPrimary
        {
            errors.append(
                .invalid(
                    "spec.ipFamilies", jsonList(ipFamilies), "the primary IP family may not be changed or removed once set"))
        }
        return errors
    }

    private static func jsonList(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }
}
