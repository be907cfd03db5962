import KubeModel

/// What a list or watch selects: namespace, label selector, field selector.
struct ObjectFilter: Sendable {
    var namespace: String?
    var labels: Selector?
    var fields: FieldSelector?

    static let everything = ObjectFilter()

    func matches(_ key: ObjectKey, _ object: JSONValue) -> Bool {
        if let namespace, key.namespace != namespace { return false }
        if let labels, !labels.matches(object.labels) { return false }
        if let fields {
            var values: [String: String] = [:]
            for term in fields.terms { values[term.field] = Self.fieldValue(term.field, of: object) }
            if !fields.matches(values) { return false }
        }
        return true
    }

    /// Field selectors address fields by dotted path; the ones kube-apiserver supports are
    /// plain paths into the object.
    static func fieldValue(_ field: String, of object: JSONValue) -> String {
        let path = field.split(separator: ".").map(String.init)
        switch object.value(at: path) {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case let value?: return value == .null ? "" : JSONWriter.string(value)
        case nil: return ""
        }
    }

    /// The filter a request's query asks for, with the apiserver's 400s for bad selectors
    /// and unsupported field labels.
    static func from(query: [String: String], namespace: String?, type: ResourceType) throws -> ObjectFilter {
        var filter = ObjectFilter(namespace: namespace)
        if let text = query["labelSelector"], !text.isEmpty {
            do {
                filter.labels = try Selector.parse(text)
            } catch {
                throw APIError.badRequest("\(error)")
            }
        }
        if let text = query["fieldSelector"], !text.isEmpty {
            let parsed: FieldSelector
            do {
                parsed = try FieldSelector.parse(text)
            } catch {
                throw APIError.badRequest("\(error)")
            }
            for term in parsed.terms where !SelectableFields.supports(term.field, type) {
                throw APIError.badRequest("field label not supported: \(term.field)")
            }
            let stored = parsed.terms.map { term in
                FieldSelector.Term(
                    field: type.conversion?.storageField(term.field) ?? term.field, negated: term.negated, value: term.value)
            }
            filter.fields = stored.isEmpty ? nil : FieldSelector(terms: stored)
        }
        return filter
    }
}

/// The field labels each resource accepts in a field selector.
enum SelectableFields {
    static func supports(_ field: String, _ type: ResourceType) -> Bool {
        if field == "metadata.name" || field == "metadata.namespace" { return true }
        switch (type.group, type.resource) {
        case ("", "namespaces"): return field == "status.phase"
        case ("", "secrets"): return field == "type"
        case ("", "events"):
            return field.hasPrefix("involvedObject.") || ["reason", "reportingComponent", "source", "type"].contains(field)
        case ("events.k8s.io", "events"):
            return field.hasPrefix("regarding.") || ["reason", "reportingController", "type"].contains(field)
        default: return false
        }
    }
}
