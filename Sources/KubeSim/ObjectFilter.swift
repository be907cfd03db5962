import KubeModel

/// What a list or watch selects: namespace, label selector, field selector.
struct ObjectFilter: Sendable {
    var namespace: String?
    var labels: (@Sendable ([String: String]) -> Bool)?
    /// Field requirements: path (`metadata.name`) → (wanted value, equal?).
    var fields: [FieldRequirement] = []

    struct FieldRequirement: Sendable, Equatable {
        var field: String
        var value: String
        var equals: Bool
    }

    static let everything = ObjectFilter()

    var selectsEverything: Bool { namespace == nil && labels == nil && fields.isEmpty }

    func matches(_ key: ObjectKey, _ object: JSONValue) -> Bool {
        if let namespace, key.namespace != namespace { return false }
        if let labels, !labels(object.labels) { return false }
        for requirement in fields {
            let actual = Self.fieldValue(requirement.field, of: object)
            if (actual == requirement.value) != requirement.equals { return false }
        }
        return true
    }

    /// Field selectors address fields by dotted path; kube-apiserver supports a fixed set per
    /// resource, all of which are plain paths into the object.
    static func fieldValue(_ field: String, of object: JSONValue) -> String {
        let path = field.split(separator: ".").map(String.init)
        switch object.value(at: path) {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number: return object.value(at: path).map { JSONWriter.string($0) } ?? ""
        default: return ""
        }
    }
}
