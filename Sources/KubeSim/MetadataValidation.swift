import KubeModel

/// `ValidateObjectMeta`: name shape, namespace presence, label and annotation keys.
///
/// `unchangedFrom` is the stored object an update replaces when it passed this very
/// validation: what the update left as it was (same name, maps sharing storage) is not
/// checked again, since every check here is a function of the value alone.
enum MetadataValidation {
    static func validate(
        _ object: JSONValue, unchangedFrom settled: JSONValue? = nil, nameCheck: (String) -> [String], namespaced: Bool
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let name = object.name
        if name.isEmpty {
            errors.append(.required("metadata.name", "name or generateName is required"))
        } else if name != settled?.name {
            for detail in nameCheck(name) { errors.append(.invalid("metadata.name", .string(name), detail)) }
        }
        if namespaced, object.namespace.isEmpty {
            errors.append(.required("metadata.namespace"))
        }
        let metadata = object["metadata"]
        let before = settled?["metadata"]
        let asStored = { (field: String) in
            guard let value = metadata?[field], let stored = before?[field] else { return false }
            return value.sharesStorage(with: stored)
        }
        if !asStored("labels") {
            errors += labelErrors(metadata?["labels"])
        }
        if !asStored("annotations") {
            errors += annotationErrors(metadata?["annotations"], stored: before?["annotations"])
        }
        return errors
    }

    /// The key is all an annotation's check looks at; keys the stored object has passed it.
    /// Walked beside the stored keys (both are in order): looking each key up costs a search
    /// over long keys that share their prefixes.
    private static func annotationErrors(_ annotations: JSONValue?, stored: JSONValue?) -> [FieldError] {
        var errors: [FieldError] = []
        (annotations?.objectValue ?? [:]).forEachPairedByKey(with: stored?.objectValue ?? [:]) { key, value, before in
            guard value != nil, before == nil else { return }
            errors += QualifiedNameMemo.annotationKeys.errors(key).map {
                FieldError.invalid("metadata.annotations", .string(key), $0)
            }
        }
        return errors
    }

    /// In key order, as a `JSONObject` keeps its members.
    private static func labelErrors(_ labels: JSONValue?) -> [FieldError] {
        var errors: [FieldError] = []
        for (key, value) in labels?.objectValue ?? [:] {
            let text = value.stringValue ?? ""
            errors += QualifiedNameMemo.labelKeys.errors(key).map { FieldError.invalid("metadata.labels", .string(key), $0) }
            errors += KubeValidation.isValidLabelValue(text).map { FieldError.invalid("metadata.labels", .string(text), $0) }
        }
        return errors
    }
}
