import Foundation

/// Validation of a custom resource against its schema, reporting what apiextensions-apiserver
/// reports: kube-openapi's checks turned into `field.Error`s by `kubeOpenAPIResultToFieldErrors`
/// (paths like `spec.ports[0].port`, messages like `spec.ports[0].port in body should be less
/// than or equal to 65535`), then the `x-kubernetes-list-type` checks, then the
/// `x-kubernetes-embedded-resource` checks of `apiVersion` and `kind`.
///
/// Properties are visited in name order so the error list is deterministic (Go's map order is
/// random).
///
/// An update is validated with ratcheting, as apiextensions-apiserver does since Kubernetes
/// 1.30 (`CRDValidationRatcheting`, GA in 1.33): a value that equals the value it correlates
/// with in the old object (same key of an object, same keys of a `map` list; elements of other
/// lists do not correlate) is not held to the schema, so an object that became invalid under
/// a newer schema can still be updated elsewhere. The list-type checks ratchet as a whole
/// (skipped when the old object already fails them); the embedded-resource checks do not.
/// Skipping equal subtrees also makes validation cost what the update changed: untouched
/// subtrees share storage with the old object and compare equal at once.
extension StructuralSchema {
    /// `old` is the object an update replaces; nil for a create.
    public func validate(_ object: JSONValue, old: JSONValue? = nil) -> [FieldError] {
        var errors: [FieldError] = []
        check(object, correlatedWith: old, name: "", into: &errors)
        if checksListTypes {
            var oldErrors: [FieldError] = []
            if let old { checkListTypes(old, path: "", into: &oldErrors) }
            if oldErrors.isEmpty { checkListTypes(object, path: "", into: &errors) }
        }
        checkEmbeddedResources(object, path: "", isRoot: true, into: &errors)
        return errors
    }

    // MARK: kube-openapi

    /// `name` is kube-openapi's path (it starts with `.` for keys found under the root).
    /// `old` is the old object's value correlated with this one, if there is one.
    private func check(_ value: JSONValue, correlatedWith old: JSONValue?, name: String, into errors: inout [FieldError]) {
        if let old, old == value { return }
        let path = name.hasPrefix(".") ? String(name.dropFirst()) : name
        var typeList: String { types.joined(separator: ",") }
        if value == .null {
            if !types.isEmpty && !nullable {
                errors.append(.typeInvalid(path, "null", "\(name) in body must be of type \(typeList): \"null\""))
            }
            checkEnum(value, path: path, into: &errors)
            return
        }
        let actual = Self.jsonType(of: value)
        if !types.isEmpty && !types.contains(actual) && !(actual == "integer" && types.contains("number")) {
            errors.append(.typeInvalid(path, .string(actual), "\(name) in body must be of type \(typeList): \"\(actual)\""))
        }
        checkBranches(value, correlatedWith: old, name: name, into: &errors)
        switch value {
        case .string(let text): checkString(text, name: name, path: path, into: &errors)
        case .number(let number): checkNumber(number, name: name, path: path, into: &errors)
        case .array(let elements):
            checkArray(elements, correlatedWith: correlated(elements, old), name: name, path: path, into: &errors)
        default: break
        }
        checkEnum(value, path: path, into: &errors)
        if case .object(let members) = value {
            checkObject(members, correlatedWith: old?.objectValue, isRoot: name.isEmpty, name: name, path: path, into: &errors)
        }
    }

    /// kube-openapi's `schemaPropsValidator`. Its composite errors are plain errors, which
    /// apiextensions reports at the root with an empty value.
    private func checkBranches(_ value: JSONValue, correlatedWith old: JSONValue?, name: String, into errors: inout [FieldError]) {
        guard !anyOf.isEmpty || !oneOf.isEmpty || !allOf.isEmpty || not != nil else { return }
        let results = { (branches: [StructuralSchema]) in
            branches.map { branch in
                var found: [FieldError] = []
                branch.check(value, correlatedWith: old, name: name, into: &found)
                return found
            }
        }
        let quoted = GoFormat.quote(name)
        if !anyOf.isEmpty {
            let failures = results(anyOf)
            if !failures.contains(where: \.isEmpty) {
                errors.append(.invalid("", "", "\(quoted) must validate at least one schema (anyOf)"))
                errors += Self.closest(failures)
            }
        }
        if !oneOf.isEmpty {
            let failures = results(oneOf)
            let valid = failures.filter(\.isEmpty).count
            if valid != 1 {
                let found = valid == 0 ? "Found none valid" : "Found \(valid) valid alternatives"
                errors.append(.invalid("", "", "\(quoted) must validate one and only one schema (oneOf). \(found)"))
                if valid == 0 { errors += Self.closest(failures) }
            }
        }
        if !allOf.isEmpty {
            let failures = results(allOf)
            errors += failures.joined()
            let valid = failures.filter(\.isEmpty).count
            if valid != allOf.count {
                let none = valid == 0 ? ". None validated" : ""
                errors.append(.invalid("", "", "\(quoted) must validate all the schemas (allOf)\(none)"))
            }
        }
        if let not, results([not]).first?.isEmpty == true {
            errors.append(.invalid("", "", "\(quoted) must not validate the schema (not)"))
        }
    }

    /// The failing branch kube-openapi would report: it picks the one that passed the most checks,
    /// which we approximate as the one whose type matched, then the one with the fewest errors.
    private static func closest(_ failures: [[FieldError]]) -> [FieldError] {
        let rank = { (found: [FieldError]) in (found.contains { $0.type == .typeInvalid } ? 1 : 0, found.count) }
        return failures.min { rank($0) < rank($1) } ?? []
    }

    /// The JSON type kube-openapi infers from a decoded value: integral numbers are `integer`.
    static func jsonType(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: value.intValue != nil ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private func checkString(_ text: String, name: String, path: String, into errors: inout [FieldError]) {
        let length = text.unicodeScalars.count
        if let maxLength, length > maxLength {
            errors.append(.tooLong(path, maxLength: maxLength))
        }
        if let minLength, length < minLength {
            errors.append(.invalid(path, .string(text), "\(name) in body should be at least \(minLength) chars long"))
        }
        if let pattern, let compiledPattern, !compiledPattern.containsMatch(in: text) {
            errors.append(.invalid(path, .string(text), "\(name) in body should match '\(pattern)'"))
        }
        if let format, format == "date-time" || format == "datetime", !Self.rfc3339DateTime.wholeMatches(text) {
            errors.append(.typeInvalid(path, .string(text), "\(name) in body must be of type \(format): \(GoFormat.quote(text))"))
        }
    }

    /// RFC 3339 `date-time`, which strfmt's `IsDateTime` accepts.
    private static let rfc3339DateTime = SharedRegex(#/\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})/#)

    /// kube-openapi's `IsValueValidAgainstRange`: a plain error, which apiextensions reports at
    /// the root with an empty value.
    private func checkIntegerRange(_ number: Double, name: String, into errors: inout [FieldError]) {
        guard types == ["integer"], let format else { return }
        let range: ClosedRange<Double>
        switch format {
        case "int32": range = Double(Int32.min)...Double(Int32.max)
        case "int64": range = -9.223372036854775808e18...9.223372036854775807e18
        default: return
        }
        if !range.contains(number) {
            errors.append(.invalid("", "", "Checked value must be of type integer with format \(format) in \(name)"))
        }
    }

    private func checkNumber(_ number: Double, name: String, path: String, into errors: inout [FieldError]) {
        let value = JSONValue.number(number)
        checkIntegerRange(number, name: name, into: &errors)
        if let multipleOf, multipleOf > 0 {
            let quotient = number / multipleOf
            if quotient.rounded() != quotient {
                errors.append(.invalid(path, value, "\(name) in body should be a multiple of \(GoFormat.float(multipleOf))"))
            }
        }
        if let minimum, exclusiveMinimum ? number <= minimum : number < minimum {
            let relation = exclusiveMinimum ? "greater than" : "greater than or equal to"
            errors.append(.invalid(path, value, "\(name) in body should be \(relation) \(GoFormat.float(minimum))"))
        }
        if let maximum, exclusiveMaximum ? number >= maximum : number > maximum {
            let relation = exclusiveMaximum ? "less than" : "less than or equal to"
            errors.append(.invalid(path, value, "\(name) in body should be \(relation) \(GoFormat.float(maximum))"))
        }
    }

    private func checkArray(
        _ elements: [JSONValue], correlatedWith old: [JSONValue?], name: String, path: String, into errors: inout [FieldError]
    ) {
        if let items {
            for (index, element) in elements.enumerated() {
                items.check(element, correlatedWith: old[index], name: "\(name)[\(index)]", into: &errors)
            }
        }
        if let minItems, elements.count < minItems {
            errors.append(.invalid(path, .number(Double(elements.count)), "\(name) in body should have at least \(minItems) items"))
        }
        if let maxItems, elements.count > maxItems {
            errors.append(.tooMany(path, actual: elements.count, max: maxItems))
        }
        if uniqueItems && Set(elements).count != elements.count {
            errors.append(.invalid(path, "", "\(name) in body shouldn't contain duplicates"))
        }
    }

    private func checkEnum(_ value: JSONValue, path: String, into errors: inout [FieldError]) {
        guard let enumValues, !enumValues.isEmpty, !enumValues.contains(value) else { return }
        errors.append(.notSupported(path, value, supported: enumValues.map(Self.enumText)))
    }

    /// Strings as they are, anything else as its JSON, as `kubeOpenAPIResultToFieldErrors` lists them.
    private static func enumText(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }

    /// At the root, `apiVersion` and `kind` do not correlate: both objects were converted to
    /// the same version, so a change there is invisible to ratcheting.
    private func checkObject(
        _ members: JSONObject, correlatedWith old: JSONObject?, isRoot: Bool, name: String, path: String,
        into errors: inout [FieldError]
    ) {
        let oldMember = { (key: String) in isRoot && (key == "apiVersion" || key == "kind") ? nil : old?[key] }
        if let minProperties, members.count < minProperties {
            errors.append(.invalid(path, .number(Double(members.count)),
                                   "\(name) in body should have at least \(minProperties) properties"))
        }
        if let maxProperties, members.count > maxProperties {
            errors.append(.tooMany(path, actual: members.count, max: maxProperties))
        }
        if let additionalProperties {
            for (key, member) in members where properties[key] == nil {
                additionalProperties.check(member, correlatedWith: oldMember(key), name: name + "." + key, into: &errors)
            }
        }
        for key in propertyNames {
            guard let member = members[key], let schema = properties[key] else { continue }
            schema.check(member, correlatedWith: oldMember(key), name: name.isEmpty ? key : name + "." + key, into: &errors)
        }
        for key in required where members[key] == nil {
            errors.append(.required(String((name + "." + key).drop { $0 == "." })))
        }
    }

    /// The old element each element of a `map` list correlates with (same values of the list's
    /// map keys); elements of other lists correlate with nothing.
    private func correlated(_ elements: [JSONValue], _ old: JSONValue?) -> [JSONValue?] {
        guard listType == "map", let oldElements = old?.arrayValue else { return Array(repeating: nil, count: elements.count) }
        let key = { (element: JSONValue) in self.listMapKeys.map { element[$0] } }
        var byKey: [[JSONValue?]: JSONValue] = [:]
        for element in oldElements where byKey[key(element)] == nil { byKey[key(element)] = element }
        return elements.map { byKey[key($0)] }
    }
}
