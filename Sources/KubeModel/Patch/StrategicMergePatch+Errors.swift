/// The failures of apimachinery's `mergepatch` and `strategicpatch` packages, with the status
/// `interpretStrategicMergePatchError` in the patch handler gives them: the well-known format
/// errors are 400, list-of-lists 422, anything else a 500.
extension PatchError {
    static let badJSONDoc = Self(.badRequest, "invalid JSON document")
    static let noListOfLists = Self(.invalid, "lists of lists are not supported")
    static let badPrimitiveListFormat = Self(.badRequest, "invalid patch format of primitive list")
    static let badRetainKeysFormat = Self(.badRequest, "invalid patch format of retainKeys")
    static let badSetElementOrderFormat = Self(.badRequest, "invalid patch format of setElementOrder list")

    static func noMergeKey(_ item: JSONValue, _ key: String) -> Self {
        Self(.internalError, "map: \(item.goDescription) does not contain declared merge key: \(key)")
    }

    static func badPatchType(_ directive: JSONValue, _ map: JSONValue) -> Self {
        Self(.internalError, "unknown patch type: \(directive.goDescription) in map: \(map.goDescription)")
    }

    static func badArgType(expected: String, actual: JSONValue) -> Self {
        Self(.internalError, "expected a \(expected), but received a \(actual.goTypeName)")
    }
}

extension JSONValue {
    /// The value as Go's `%v` prints the `interface{}` decoded from it (maps with sorted keys).
    var goDescription: String {
        switch self {
        case .null: "<nil>"
        case .bool(let b): b ? "true" : "false"
        case .number(let d): intValue.map(String.init) ?? "\(d)"
        case .string(let s): s
        case .array(let items): "[" + items.map(\.goDescription).joined(separator: " ") + "]"
        case .object(let members):
            "map[" + members.map { "\($0.key):\($0.value.goDescription)" }.joined(separator: " ") + "]"
        }
    }

    /// The Go type `reflect.TypeOf` names for the decoded value.
    var goTypeName: String {
        switch self {
        case .null: "<nil>"
        case .bool: "bool"
        case .number: intValue != nil ? "int64" : "float64"
        case .string: "string"
        case .array: "[]interface {}"
        case .object: "map[string]interface {}"
        }
    }
}
