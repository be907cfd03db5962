/// The lexical units of the selector grammar.
enum SelectorToken: Equatable {
    case endOfString, closedParenthesis, comma, doesNotExist, doubleEquals, equals, greaterThan
    case identifier, `in`, lessThan, notEquals, notIn, openParenthesis

    /// Keywords and symbols; anything else is an identifier.
    static let byLiteral: [String: SelectorToken] = [
        ")": .closedParenthesis, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
        ">": .greaterThan, "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openParenthesis,
    ]
}

struct ScannedToken {
    var token: SelectorToken
    var literal: String
    var position: Int
}

/// A port of Go's `labels.Lexer`, byte for byte (including that a NUL byte ends the input).
struct SelectorLexer {
    private let bytes: [UInt8]
    private var position = 0

    static func tokens(of text: String) -> [ScannedToken] {
        var lexer = SelectorLexer(bytes: Array(text.utf8))
        var tokens: [ScannedToken] = []
        while true {
            let next = lexer.lex()
            tokens.append(next)
            if next.token == .endOfString { return tokens }
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
    }

    private static func isSpecialSymbol(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ">"), UInt8(ascii: "<"):
            true
        default: false
        }
    }

    /// The next byte, or 0 at the end (as Go's lexer, which cannot tell a NUL from the end).
    private mutating func read() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func lex() -> ScannedToken {
        var ch = read()
        while Self.isWhitespace(ch) { ch = read() }
        if ch == 0 { return ScannedToken(token: .endOfString, literal: "", position: position) }
        position -= 1
        return Self.isSpecialSymbol(ch) ? scanSpecialSymbol() : scanIdentifierOrKeyword()
    }

    private mutating func scanIdentifierOrKeyword() -> ScannedToken {
        let start = position
        var end = position
        while true {
            let ch = read()
            if ch == 0 { break }
            if Self.isSpecialSymbol(ch) || Self.isWhitespace(ch) {
                position -= 1
                break
            }
            end = position
        }
        let literal = String(decoding: bytes[start..<end], as: UTF8.self)
        return ScannedToken(token: SelectorToken.byLiteral[literal] ?? .identifier, literal: literal, position: start)
    }

    /// The longest symbol token at the current position (`==` and `!=` are the two-byte ones).
    private mutating func scanSpecialSymbol() -> ScannedToken {
        let start = position
        let first = String(UnicodeScalar(read()))
        var literal = first
        if position < bytes.count, SelectorToken.byLiteral[first + String(UnicodeScalar(bytes[position]))] != nil {
            literal += String(UnicodeScalar(read()))
        }
        // Every single special symbol is a token, so the lookup cannot fail.
        return ScannedToken(token: SelectorToken.byLiteral[literal] ?? .identifier, literal: literal, position: start)
    }
}
