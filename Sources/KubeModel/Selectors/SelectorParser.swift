/// Why a label-selector string was rejected.
///
/// `message` is the text Go's `labels.Parse` returns (kube-apiserver sends it back in its 400
/// response, and clients match on it); `position` is the byte offset of the offending token (or
/// of the requirement that failed validation) and `token` its text, for callers that want to
/// point at the mistake.
public struct SelectorParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var position: Int
    public var token: String

    public var description: String { message }
}

extension Selector {
    /// Parses the query-string form of a label selector with the grammar of
    /// k8s.io/apimachinery/pkg/labels (`a=b,c!=d,e in (f,g),h notin (i),j,!k,l>1`), validating
    /// keys and values as Go does. The empty string (or only whitespace) selects everything.
    public static func parse(_ text: String) throws(SelectorParseError) -> Selector {
        var parser = SelectorParser(tokens: SelectorLexer.tokens(of: text))
        return Selector(requirements: try parser.parseSelector())
    }
}

/// A port of Go's `labels.Parser`: recursive descent over the scanned tokens, with Go's error texts.
struct SelectorParser {
    private let tokens: [ScannedToken]
    private var index = 0

    init(tokens: [ScannedToken]) {
        self.tokens = tokens
    }

    /// Where the grammar treats `in`/`notin` as plain words (keys and values) or as operators.
    private enum Context { case keyAndOperator, values }

    private func lookahead(_ context: Context) -> ScannedToken {
        Self.adjusted(tokens[min(index, tokens.count - 1)], context)
    }

    private mutating func consume(_ context: Context) -> ScannedToken {
        let item = lookahead(context)
        index += 1
        return item
    }

    private static func adjusted(_ item: ScannedToken, _ context: Context) -> ScannedToken {
        var item = item
        if context == .values && (item.token == .in || item.token == .notIn) { item.token = .identifier }
        return item
    }

    private func failure(_ message: String, at item: ScannedToken) -> SelectorParseError {
        SelectorParseError(message: message, position: item.position, token: item.literal)
    }

    mutating func parseSelector() throws(SelectorParseError) -> [Selector.Requirement] {
        var requirements: [Selector.Requirement] = []
        while true {
            let next = lookahead(.values)
            switch next.token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw SelectorParseError(
                        message: "unable to parse requirement: " + error.message, position: error.position,
                        token: error.token)
                }
                let after = consume(.values)
                switch after.token {
                case .endOfString:
                    return requirements
                case .comma:
                    let following = lookahead(.values)
                    if following.token != .identifier && following.token != .doesNotExist {
                        throw failure("found '\(following.literal)', expected: identifier after ','", at: following)
                    }
                default:
                    throw failure("found '\(after.literal)', expected: ',' or 'end of string'", at: after)
                }
            case .endOfString:
                return requirements
            default:
                throw failure("found '\(next.literal)', expected: !, identifier, or 'end of string'", at: next)
            }
        }
    }

    private mutating func parseRequirement() throws(SelectorParseError) -> Selector.Requirement {
        let start = lookahead(.values)
        let (key, inferred) = try parseKeyAndInferOperator()
        let requirement: Selector.Requirement
        if let inferred {
            requirement = Selector.Requirement(key: key, operator: inferred)
        } else {
            let op = try parseOperator()
            let values: Set<String>
            switch op {
            case .in, .notIn: values = try parseValues()
            default: values = try parseExactValue()
            }
            requirement = Selector.Requirement(key: key, operator: op, values: values.sorted(by: Selector.Requirement.byteOrder))
        }
        let errors = requirement.validationErrors()
        if !errors.isEmpty { throw failure(FieldError.aggregateMessage(errors), at: start) }
        return requirement
    }

    /// The key, and the operator when it is implied: `!key` or a bare `key`.
    private mutating func parseKeyAndInferOperator() throws(SelectorParseError) -> (String, Selector.Operator?) {
        var op: Selector.Operator? = nil
        var item = consume(.values)
        if item.token == .doesNotExist {
            op = .doesNotExist
            item = consume(.values)
        }
        guard item.token == .identifier else { throw failure("found '\(item.literal)', expected: identifier", at: item) }
        let keyErrors = KubeValidation.isQualifiedName(item.literal)
        if !keyErrors.isEmpty {
            // Go reports this with a nil field path, which prints as `<nil>`.
            let error = FieldError.invalid("<nil>", .string(item.literal), keyErrors.joined(separator: "; "))
            throw failure(error.description, at: item)
        }
        let next = lookahead(.values).token
        if op == nil && (next == .endOfString || next == .comma) { op = .exists }
        return (item.literal, op)
    }

    private mutating func parseOperator() throws(SelectorParseError) -> Selector.Operator {
        let item = consume(.keyAndOperator)
        switch item.token {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default: throw failure("found '\(item.literal)', expected: in, notin, =, ==, !=, gt, lt", at: item)
        }
    }

    /// `( v1, v2, … )`; empty entries (`()`, `(,a)`, `(a,,b)`, `(a,)`) stand for the empty value.
    private mutating func parseValues() throws(SelectorParseError) -> Set<String> {
        let open = consume(.values)
        guard open.token == .openParenthesis else { throw failure("found '\(open.literal)' expected: '('", at: open) }
        let first = lookahead(.values)
        switch first.token {
        case .identifier, .comma:
            let values = try parseIdentifierList()
            index += 1  // the closing parenthesis the list stopped at
            return values
        case .closedParenthesis:
            index += 1
            return [""]
        default:
            throw failure("found '\(first.literal)', expected: ',', ')' or identifier", at: first)
        }
    }

    /// The values up to (not including) the closing parenthesis.
    private mutating func parseIdentifierList() throws(SelectorParseError) -> Set<String> {
        var values = Set<String>()
        while true {
            let item = consume(.values)
            switch item.token {
            case .identifier:
                values.insert(item.literal)
                let next = lookahead(.values)
                switch next.token {
                case .comma: continue
                case .closedParenthesis: return values
                default: throw failure("found '\(next.literal)', expected: ',' or ')'", at: next)
                }
            case .comma:
                if values.isEmpty { values.insert("") }
                let next = lookahead(.values).token
                if next == .closedParenthesis {
                    values.insert("")
                    return values
                }
                if next == .comma {
                    index += 1
                    values.insert("")
                }
            default:
                throw failure("found '\(item.literal)', expected: ',', or identifier", at: item)
            }
        }
    }

    /// The one value after `=`, `==`, `!=`, `>` or `<`; nothing before `,` or the end means "".
    private mutating func parseExactValue() throws(SelectorParseError) -> Set<String> {
        let next = lookahead(.values).token
        if next == .endOfString || next == .comma { return [""] }
        let item = consume(.values)
        guard item.token == .identifier else { throw failure("found '\(item.literal)', expected: identifier", at: item) }
        return [item.literal]
    }
}
