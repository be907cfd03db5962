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
        for (key, value) in object.labels.sorted(by: { $0.key < $1.key }) {
            for detail in QualifiedNameMemo.labelKeys.errors(key) {
                errors.append(.invalid("metadata.labels", .string(key), detail))
            }
            for detail in KubeValidation.isValidLabelValue(value) {
                errors.append(.invalid("metadata.labels", .string(value), detail))
            }
        }
        for key in object.annotations.keys.sorted() {
            for detail in QualifiedNameMemo.annotationKeys.errors(key) {
                errors.append(.invalid("metadata.annotations", .string(key), detail))
            }
        }
        return errors
    }
}
