/// Why a strategic merge patch could not be applied, with the status kube-apiserver answers.
///
/// The messages are apimachinery's (`mergepatch` and `strategicpatch` packages); the status
/// follows `interpretStrategicMergePatchError` in the patch handler: the well-known format
/// errors are 400, list-of-lists and retainKeys mismatches 422, anything else a 500.
public struct StrategicMergePatchError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case badRequest
        case unprocessable
        case internalError
        /// Strategic merge patch sent for a custom resource: 415.
        case unsupportedMediaType
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var httpStatus: Int {
        switch kind {
        case .badRequest: 400
        case .unprocessable: 422
        case .internalError: 500
        case .unsupportedMediaType: 415
        }
    }

    public var statusReason: String {
        switch kind {
        case .badRequest: "BadRequest"
        case .unprocessable: "Invalid"
        case .internalError: "InternalError"
        case .unsupportedMediaType: "UnsupportedMediaType"
        }
    }

    public var statusMessage: String {
        switch kind {
        case .badRequest, .unsupportedMediaType: message
        case .unprocessable: "the server rejected our request due to an error in our request"
        case .internalError: "Internal error occurred: \(message)"
        }
    }

    public var description: String { message }

    static let badJSONDoc = Self(.badRequest, "invalid JSON document")
    static let noListOfLists = Self(.unprocessable, "lists of lists are not supported")
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
            "map[" + members.keys.sorted().map { "\($0):\(members[$0]?.goDescription ?? "")" }.joined(separator: " ") + "]"
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
