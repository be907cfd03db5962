import KubeModel

/// The admission rules of a VirtualMachineService (spec §10.1 with §16.2 and, for v1alpha6,
/// the IP-family rules of §1.4). The controller re-runs them on every pass because objects
/// can predate the CRD's own checks (§16.2); the same function serves an admission webhook.
///
/// - Parameter old: the stored object on update, nil on create.
/// - Returns: every violation, in the reference's order; the denial reason is their
///   descriptions joined by `, ` (see `validationReason`).
public func validate(
    _ new: VirtualMachineService, old: VirtualMachineService?, version: VirtualMachineService.APIVersion
) -> [FieldError] {
    if new.metadata.annotations?[VMServiceConstants.skipValidationAnnotation] != nil { return [] }
    var errors: [FieldError] = []
    if let old {
        if old.metadata.isBeingDeleted || new.metadata.isBeingDeleted { return [] }
        errors += immutableFieldErrors(new.spec, old: old.spec)
    } else {
        errors += KubeValidation.isDNS1035Label(new.metadata.name ?? "").map {
            .invalid("metadata.name", .string(new.metadata.name ?? ""), $0)
        }
    }
    errors += SpecValidation.errors(in: new.spec)
    errors += IPFamilyValidation.errors(in: new.spec, old: old?.spec, version: version)
    return errors
}

/// The denial reason of an admission response: the field errors joined by `, `.
public func validationReason(_ errors: [FieldError]) -> String {
    errors.map(\.description).joined(separator: ", ")
}

private func immutableFieldErrors(_ new: VirtualMachineServiceSpec, old: VirtualMachineServiceSpec) -> [FieldError] {
    var errors: [FieldError] = []
    if new.effectiveType != old.effectiveType { errors.append(.forbidden("spec.type", "field is immutable")) }
    if (new.clusterIP ?? "") != (old.clusterIP ?? "") { errors.append(.forbidden("spec.clusterIP", "field is immutable")) }
    return errors
}
