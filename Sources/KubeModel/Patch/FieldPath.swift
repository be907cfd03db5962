import Foundation

/// One step of a path into an object, as structured-merge-diff names fields in
/// `metadata.managedFields` and in apply conflicts.
public enum FieldPathElement: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A struct field or map key: `f:name`, printed `.name`.
    case field(String)
    /// An item of a list-map, by its key fields: `k:{"port":80,"protocol":"TCP"}`, printed `[port=80,protocol="TCP"]`.
    case key(JSONObject)
    /// An item of a set of primitives: `v:"finalizer"`, printed `[="finalizer"]`.
    case value(JSONValue)
    /// An item of a list by position: `i:0`, printed `[0]`.
    case index(Int)

    public var description: String {
        switch self {
        case .field(let name): "." + name
        case .key(let fields): "[" + fields.map { "\($0.key)=\(Self.text($0.value))" }.joined(separator: ",") + "]"
        case .value(let value): "[=\(Self.text(value))]"
        case .index(let index): "[\(index)]"
        }
    }

    /// The key of this element in a `fieldsV1` object.
    public var fieldsV1Key: String {
        switch self {
        case .field(let name): "f:" + name
        case .key(let fields): "k:" + Self.compactJSON(.object(fields))
        case .value(let value): "v:" + Self.compactJSON(value)
        case .index(let index): "i:\(index)"
        }
    }

    /// Parses a `fieldsV1` key; nil for `.` and anything malformed.
    public init?(fieldsV1Key key: String) {
        let body = String(key.dropFirst(2))
        switch key.prefix(2) {
        case "f:": self = .field(body)
        case "k:":
            guard case .object(let fields)? = Self.parseJSON(body) else { return nil }
            self = .key(fields)
        case "v:":
            guard let value = Self.parseJSON(body) else { return nil }
            self = .value(value)
        case "i:":
            guard let index = Int(body) else { return nil }
            self = .index(index)
        default:
            return nil
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.rank, lhs.fieldsV1Key) < (rhs.rank, rhs.fieldsV1Key)
    }

    /// structured-merge-diff orders field names before keys, values and indices.
    private var rank: Int {
        switch self {
        case .field: 0
        case .key: 1
        case .value: 2
        case .index: 3
        }
    }

    /// `value.ToString`: strings quoted, numbers and booleans bare, anything else as JSON.
    private static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return GoFormat.quote(s) }
        return compactJSON(value)
    }

    static func compactJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }

    private static func parseJSON(_ text: String) -> JSONValue? {
        try? JSONReader.parse(text)
    }
}

/// A path from the object root, printed as structured-merge-diff prints it (`.spec.ports[port=80,protocol="TCP"].name`).
public struct FieldPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var elements: [FieldPathElement]

    public init(_ elements: [FieldPathElement]) {
        self.elements = elements
    }

    /// A path of struct fields only, e.g. `FieldPath(fields: "spec", "replicas")`.
    public init(fields: String...) {
        elements = fields.map(FieldPathElement.field)
    }

    public var description: String { elements.map(\.description).joined() }

    public func appending(_ element: FieldPathElement) -> FieldPath {
        FieldPath(elements + [element])
    }

    public func hasPrefix(_ other: FieldPath) -> Bool {
        elements.starts(with: other.elements)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.elements.lexicographicallyPrecedes(rhs.elements)
    }
}
