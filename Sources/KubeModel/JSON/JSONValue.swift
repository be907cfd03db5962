/// An arbitrary JSON document, kept as a tree.
///
/// Used where the shape is not ours to know: objects of any resource in the simulator,
/// patches, and the `details` of an API error. Object members are kept sorted by key
/// (`JSONObject`), so that equal values always serialise identically.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    public subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let members) = self else { return nil }
            return members[key]
        }
        set {
            guard case .object(var members) = self else { return }
            // Detached first, so that `members` is uniquely referenced and not copied.
            self = .null
            members[key] = newValue
            self = .object(members)
        }
    }

    /// Whether both are the same array or object in memory, and so equal without a walk:
    /// what a tree that copied a subtree unchanged shares with the original. False for
    /// scalars and for equal values built separately.
    public func sharesStorage(with other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let mine), .object(let theirs)):
            return mine.sharesStorage(with: theirs)
        case (.array(let mine), .array(let theirs)):
            return mine.sharesBuffer(with: theirs)
        default:
            return false
        }
    }

    /// An array's element, nil when this is no array or the index is past its end.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number as an integer, when it is one exactly.
    public var intValue: Int? {
        guard case .number(let d) = self, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
        return Int(d)
    }

    /// Follows a path of object keys; nil as soon as one is missing.
    public func value(at path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[key] }
        return current
    }
}

extension JSONValue: Codable {
    /// Codable has no way to ask which JSON type comes next, so this tries them in turn,
    /// leaves first by how common they are in API objects; each miss is a thrown error.
    /// Parse whole documents with `JSONReader` instead, which reads each byte once.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let o = try? container.decode(JSONObject.self) {
            self = .object(o)
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let d):
            if let i = intValue { try container.encode(i) } else { try container.encode(d) }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

/// Deliberately not `ExpressibleByNilLiteral`: with it, `condition ? nil : value` silently
/// means JSON `null` where an absent member was meant. Write `.null` for null.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(unsorted: elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension Array {
    /// Whether both are one buffer in memory: copies of one array that neither has changed
    /// since (copy-on-write), and so equal without a look at any element.
    func sharesBuffer(with other: [Element]) -> Bool {
        withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress && mine.count == theirs.count }
        }
    }
}
