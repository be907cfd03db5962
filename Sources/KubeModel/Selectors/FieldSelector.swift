/// A field selector (`fields.Selector` in k8s.io/apimachinery), e.g.
/// `metadata.name=web,metadata.namespace!=kube-system`: terms that must all hold.
///
/// Which fields a resource supports is the server's business; this type only parses, prints
/// and evaluates against a map of field values, where a missing field reads as "".
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    public struct Term: Sendable, Hashable, CustomStringConvertible {
        public var field: String
        /// True for `!=`; `=` and `==` mean the same.
        public var negated: Bool
        public var value: String

        public init(field: String, negated: Bool = false, value: String) {
            self.field = field
            self.negated = negated
            self.value = value
        }

        public func matches(_ fields: [String: String]) -> Bool {
            ((fields[field] ?? "") == value) != negated
        }

        /// `field=value` or `field!=value`, the value escaped.
        public var description: String {
            field + (negated ? "!=" : "=") + FieldSelector.escape(value)
        }
    }

    /// Why a field selector was rejected; the message is Go's.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// In the order Go keeps them: sorted by the text of each term as written.
    public let terms: [Term]

    public init(terms: [Term]) {
        self.terms = terms
    }

    public static let everything = FieldSelector(terms: [])

    public var isEmpty: Bool { terms.isEmpty }

    public func matches(_ fields: [String: String]) -> Bool {
        terms.allSatisfy { $0.matches(fields) }
    }

    public var description: String {
        terms.map(\.description).joined(separator: ",")
    }

    /// Parses as Go's `fields.ParseSelector`: terms split at unescaped commas, each split at
    /// the first `!=`, `==` or `=`, values unescaped (`\\`, `\,`, `\=`); empty terms are skipped.
    public static func parse(_ text: String) throws(ParseError) -> FieldSelector {
        var terms: [Term] = []
        for part in splitTerms(text).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !part.isEmpty {
            guard let (field, op, rawValue) = splitTerm(part) else {
                throw ParseError(message: "invalid selector: '\(text)'; can't understand '\(part)'")
            }
            terms.append(Term(field: field, negated: op == "!=", value: try unescape(rawValue)))
        }
        return FieldSelector(terms: terms)
    }

    /// `fields.EscapeValue`.
    public static func escape(_ value: String) -> String {
        var out = ""
        for ch in value.unicodeScalars {
            if ch == "\\" || ch == "," || ch == "=" { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out
    }

    private static func splitTerms(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var terms: [String] = []
        var current = ""
        var afterBackslash = false
        for ch in text.unicodeScalars {
            if afterBackslash {
                afterBackslash = false
            } else if ch == "\\" {
                afterBackslash = true
            } else if ch == "," {
                terms.append(current)
                current = ""
                continue
            }
            current.unicodeScalars.append(ch)
        }
        terms.append(current)
        return terms
    }

    /// The text before the first operator, the operator, and the text after it.
    private static func splitTerm(_ term: String) -> (String, String, String)? {
        let scalars = term.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let rest = scalars[index...]
            for op in ["!=", "==", "="] where rest.starts(with: op.unicodeScalars) {
                let valueStart = scalars.index(index, offsetBy: op.unicodeScalars.count)
                return (String(scalars[..<index]), op, String(scalars[valueStart...]))
            }
            index = scalars.index(after: index)
        }
        return nil
    }

    /// `fields.UnescapeValue`.
    private static func unescape(_ value: String) throws(ParseError) -> String {
        var out = ""
        var afterBackslash = false
        for ch in value.unicodeScalars {
            if afterBackslash {
                guard ch == "\\" || ch == "," || ch == "=" else {
                    throw ParseError(message: "invalid field selector: invalid escape sequence: \\\(ch)")
                }
                out.unicodeScalars.append(ch)
                afterBackslash = false
            } else if ch == "\\" {
                afterBackslash = true
            } else if ch == "," || ch == "=" {
                // Go prints the rune with %v, i.e. as its number.
                throw ParseError(message: "invalid field selector: unescaped character in value: \(ch.value)")
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        if afterBackslash { throw ParseError(message: "invalid field selector: invalid escape sequence: \\") }
        return out
    }
}
