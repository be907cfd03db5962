/// One way the cluster differs from what the controller would make of it.
///
/// `expected` and `actual` are short renderings meant for people (JSON for structured values,
/// `absent` for a field or object that is not there), stable enough for tests to match on.
public struct Discrepancy: Sendable, Hashable, Codable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    /// The kind of the object that differs: `Service`, `Endpoints` or `VirtualMachineService`.
    public var kind: String
    /// A dotted path into the object (`spec.ports[0].port`), `address IP (VM)` for an endpoint
    /// address, or `object` for the object as a whole.
    public var field: String
    public var expected: String
    public var actual: String

    public init(namespace: String, name: String, kind: String, field: String, expected: String, actual: String) {
        self.namespace = namespace
        self.name = name
        self.kind = kind
        self.field = field
        self.expected = expected
        self.actual = actual
    }

    /// `namespace/name kind field: expected X, actual Y`.
    public var description: String { "\(namespace)/\(name) \(kind) \(field): expected \(expected), actual \(actual)" }

    /// The rendering of a field or object that is not there.
    public static let absent = "absent"
}
