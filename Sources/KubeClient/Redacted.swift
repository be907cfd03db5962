/// A secret (token, password, private key) that never shows itself in logs, `description`s,
/// `dump` or debugger summaries: every textual form is `<redacted>`. The value is reachable
/// only through `value`, so leaking it takes a deliberate act.
public struct Redacted<Value: Sendable & Hashable>: Sendable, Hashable,
    CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable
{
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
