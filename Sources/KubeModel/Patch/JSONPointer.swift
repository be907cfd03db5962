/// A JSON Pointer (RFC 6901) split into reference tokens, as JSON patch paths use it.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped tokens; empty for the whole document.
    public var tokens: [String]

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses `/a/b~1c`; nil unless the text is empty or starts with `/`.
    public init?(_ text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(Self.unescape)
    }

    /// `~1` before `~0`, so that `~01` decodes to `~1` as RFC 6901 section 4 requires.
    static func unescape(_ token: Substring) -> String {
        String(token).replacing("~1", with: "/").replacing("~0", with: "~")
    }

    static func escape(_ token: String) -> String {
        token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    public var description: String {
        tokens.map { "/" + Self.escape($0) }.joined()
    }
}
