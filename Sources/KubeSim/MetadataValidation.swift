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
        // Keys are checked in storage order and only the failures sorted: the error list is
        // in key order, and a valid object (nearly every write) sorts nothing.
        var failures: [(key: String, errors: [FieldError])] = []
        for (key, value) in object["metadata"]?["labels"]?.objectValue ?? [:] {
            let text = value.stringValue ?? ""
            let found = QualifiedNameMemo.labelKeys.errors(key).map { FieldError.invalid("metadata.labels", .string(key), $0) }
                + KubeValidation.isValidLabelValue(text).map { FieldError.invalid("metadata.labels", .string(text), $0) }
            if !found.isEmpty { failures.append((key, found)) }
        }
        errors += failures.sorted { $0.key < $1.key }.flatMap(\.errors)
        failures = []
        for key in (object["metadata"]?["annotations"]?.objectValue ?? [:]).keys {
            let found = QualifiedNameMemo.annotationKeys.errors(key).map { FieldError.invalid("metadata.annotations", .string(key), $0) }
            if !found.isEmpty { failures.append((key, found)) }
        }
        errors += failures.sorted { $0.key < $1.key }.flatMap(\.errors)
        return errors
    }
}
