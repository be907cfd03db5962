/// One field-level validation error, as `field.Error` in k8s.io/apimachinery.
///
/// The text (`description`) is what kube-apiserver and admission webhooks put in their
/// responses, and users and tests compare it literally, so it follows the Go rendering of
/// apimachinery v0.32 (Kubernetes 1.32) byte for byte.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The machine-readable kind of error; the raw value is the `StatusCause` reason.
    public enum ErrorType: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case duplicate = "FieldValueDuplicate"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case typeInvalid = "FieldValueTypeInvalid"
        case notFound = "FieldValueNotFound"
        case `internal` = "InternalError"

        /// The human-readable phrase Go prints for the type.
        public var phrase: String {
            switch self {
            case .required: "Required value"
            case .invalid, .typeInvalid: "Invalid value"
            case .notSupported: "Unsupported value"
            case .duplicate: "Duplicate value"
            case .forbidden: "Forbidden"
            case .tooLong: "Too long"
            case .tooMany: "Too many"
            case .notFound: "Not found"
            case .internal: "Internal error"
            }
        }

        /// Go prints the bad value for every type except these.
        fileprivate var showsValue: Bool {
            switch self {
            case .required, .forbidden, .tooLong, .internal: false
            default: true
            }
        }
    }

    public var type: ErrorType
    /// The path of the offending field, e.g. `spec.ports[1].name`.
    public var field: String
    /// The offending value; nil when Go would omit it from the message.
    public var badValue: JSONValue?
    public var detail: String

    public init(type: ErrorType, field: String, badValue: JSONValue?, detail: String) {
        self.type = type
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    /// `<field>: <body>`, Go's `Error()`.
    public var description: String { "\(field): \(body)" }

    /// The message without the field path, Go's `ErrorBody()`; it is the `message` of a
    /// `StatusCause`.
    public var body: String {
        var text = type.phrase
        if type.showsValue, let badValue {
            text += ": " + GoFormat.value(badValue)
        }
        if !detail.isEmpty { text += ": " + detail }
        return text
    }
}

extension FieldError {
    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(type: .required, field: field, badValue: "", detail: detail)
    }

    public static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(type: .invalid, field: field, badValue: value, detail: detail)
    }

    /// The detail lists the supported values quoted, in the order given.
    public static func notSupported(_ field: String, _ value: JSONValue, supported: [String]) -> FieldError {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(GoFormat.quote).joined(separator: ", ")
        return FieldError(type: .notSupported, field: field, badValue: value, detail: detail)
    }

    public static func duplicate(_ field: String, _ value: JSONValue) -> FieldError {
        FieldError(type: .duplicate, field: field, badValue: value, detail: "")
    }

    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(type: .forbidden, field: field, badValue: "", detail: detail)
    }

    /// A negative `maxLength` means the limit is not stated.
    public static func tooLong(_ field: String, maxLength: Int) -> FieldError {
        let detail = maxLength >= 0 ? "may not be more than \(maxLength) bytes" : "value is too long"
        return FieldError(type: .tooLong, field: field, badValue: "<value omitted>", detail: detail)
    }

    /// A nil `actual` leaves the count out of the message; a negative `max` leaves the limit out.
    public static func tooMany(_ field: String, actual: Int?, max: Int) -> FieldError {
        let detail = max >= 0 ? "must have at most \(max) items" : "has too many items"
        return FieldError(type: .tooMany, field: field, badValue: actual.map { .number(Double($0)) }, detail: detail)
    }

    public static func typeInvalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(type: .typeInvalid, field: field, badValue: value, detail: detail)
    }

    public static func notFound(_ field: String, _ value: JSONValue) -> FieldError {
        FieldError(type: .notFound, field: field, badValue: value, detail: "")
    }

    public static func `internal`(_ field: String, _ detail: String) -> FieldError {
        FieldError(type: .internal, field: field, badValue: nil, detail: detail)
    }
}
