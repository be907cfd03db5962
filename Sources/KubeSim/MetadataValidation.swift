import KubeModel

/// `ValidateObjectMeta`: name shape, namespace presence, label and annotation keys.
enum MetadataValidation {
    static func validate(_ object: JSONValue, nameCheck: (String) -> [String], namespaced: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        let name = object.name
        if name.isEmpty {
            errors.append(.required("metadata.name", "name or generateName is required"))
        } else {
            for detail in nameCheck(name) { errors.append(.invalid("metadata.name", .string(name), detail)) }
        }
        if namespaced, object.namespace.isEmpty {
            errors.append(.required("metadata.namespace"))
        }
        let metadata = object["metadata"]
        errors += inKeyOrder(metadata?["labels"]) { key, value in
            let text = value.stringValue ?? ""
            return QualifiedNameMemo.labelKeys.errors(key).map { FieldError.invalid("metadata.labels", .string(key), $0) }
                + KubeValidation.isValidLabelValue(text).map { FieldError.invalid("metadata.labels", .string(text), $0) }
        }
        errors += inKeyOrder(metadata?["annotations"]) { key, _ in
            QualifiedNameMemo.annotationKeys.errors(key).map { FieldError.invalid("metadata.annotations", .string(key), $0) }
        }
        return errors
    }

    /// The errors `check` finds in a map's members, in key order. Members are checked in
    /// storage order and only the failures sorted: a valid object (nearly every write) sorts
    /// nothing.
    private static func inKeyOrder(_ map: JSONValue?, _ check: (String, JSONValue) -> [FieldError]) -> [FieldError] {
        var failures: [(key: String, errors: [FieldError])] = []
        for (key, value) in map?.objectValue ?? [:] {
            let found = check(key, value)
            if !found.isEmpty { failures.append((key, found)) }
        }
        return failures.sorted { $0.key < $1.key }.flatMap(\.errors)
    }
}
