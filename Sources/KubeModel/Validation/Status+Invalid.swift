extension FieldError {
    /// The errors as one message, as Go's `ErrorList.ToAggregate().Error()`: repeated messages
    /// are dropped, a single one stands alone, several are bracketed and comma-separated.
    /// Empty for no errors.
    public static func aggregateMessage(_ errors: [FieldError]) -> String {
        var seen = Set<String>()
        let messages = errors.map(\.description).filter { seen.insert($0).inserted }
        switch messages.count {
        case 0: return ""
        case 1: return messages[0]
        default: return "[" + messages.joined(separator: ", ") + "]"
        }
    }
}

extension Status {
    /// The 422 `Invalid` response kube-apiserver returns for a rejected object
    /// (`apierrors.NewInvalid`): one cause per error, the message naming the kind, group and
    /// object, e.g. `VirtualMachineService.vmoperator.vmware.com "web" is invalid: spec.type: Required value`.
    public static func invalid(kind: String, group: String, name: String, errors: [FieldError]) -> Status {
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        var message = "\(qualifiedKind) \(GoFormat.quote(name)) is invalid"
        if !errors.isEmpty { message += ": " + FieldError.aggregateMessage(errors) }
        let causes = errors.map { StatusCause(reason: $0.type.rawValue, message: $0.body, field: $0.field) }
        return Status(
            status: "Failure", message: message, reason: "Invalid",
            // Go omits empty strings and lists here (`omitempty`), so nil rather than empty.
            details: StatusDetails(
                name: name.isEmpty ? nil : name, group: group.isEmpty ? nil : group, kind: kind,
                causes: causes.isEmpty ? nil : causes),
            code: 422)
    }
}
