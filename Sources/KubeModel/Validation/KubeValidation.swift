/// The name and label checks of k8s.io/apimachinery/pkg/util/validation (v0.32).
///
/// Each returns the error details Go returns, in the same order and wording, so that they can
/// be put into `FieldError.invalid` unchanged; an empty array means valid. The patterns are
/// matched by hand rather than with a regex engine: they are simple, and this keeps the checks
/// allocation-free on the hot path of selector parsing.
public enum KubeValidation {
    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    public static let dns1035LabelMaxLength = 63
    public static let qualifiedNameMaxLength = 63
    public static let labelValueMaxLength = 63

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"

    static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

    /// A lower-case RFC 1123 label, e.g. a port name or most object names.
    public static func isDNS1123Label(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { errors.append(maxLengthError(dns1123LabelMaxLength)) }
        if !matchesDNS1123Label(value.utf8) {
            if matchesDNS1123Subdomain(value) {
                // A valid subdomain that is not a valid label: the length is checked, so it must be dots.
                errors.append("must not contain dots")
            } else {
                errors.append(
                    regexError(
                        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                        dns1123LabelFormat, examples: ["my-name", "123-abc"]))
            }
        }
        return errors
    }

    /// A lower-case RFC 1123 subdomain, e.g. an `externalName` or a label-key prefix.
    public static func isDNS1123Subdomain(_ value: String) -> [String] {
        check(
            value, maxLength: dns1123SubdomainMaxLength, matches: matchesDNS1123Subdomain(value),
            message:
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            format: dns1123SubdomainFormat, examples: ["example.com"])
    }

    /// An RFC 1035 label (starts with a letter), required of Service names.
    public static func isDNS1035Label(_ value: String) -> [String] {
        check(
            value, maxLength: dns1035LabelMaxLength,
            matches: matchesDNS1123Label(value.utf8) && value.utf8.first.map(isLowerLetter) == true,
            message:
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
            format: dns1035LabelFormat, examples: ["my-name", "abc-123"])
    }

    /// A qualified name, the form of label and annotation keys: an optional DNS-subdomain
    /// prefix and `/`, then a name of at most 63 characters.
    public static func isQualifiedName(_ value: String) -> [String] {
        var errors: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += isDNS1123Subdomain(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name "
                    + regexError(qualifiedNameMessage, qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"])
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > qualifiedNameMaxLength {
            errors.append("name part " + maxLengthError(qualifiedNameMaxLength))
        }
        if !matchesQualifiedNamePart(name.utf8) {
            errors.append(
                "name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"]))
        }
        return errors
    }

    /// A label value: empty, or at most 63 characters shaped like a qualified name's name part.
    public static func isValidLabelValue(_ value: String) -> [String] {
        check(
            value, maxLength: labelValueMaxLength, matches: value.isEmpty || matchesQualifiedNamePart(value.utf8),
            message:
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            format: labelValueFormat, examples: ["MyValue", "my_value", "12345"])
    }

    /// The common shape of Go's checks: a length error, then a pattern error, both reported.
    private static func check(
        _ value: String, maxLength: Int, matches: Bool, message: String, format: String, examples: [String]
    ) -> [String] {
        var errors: [String] = []
        if value.utf8.count > maxLength { errors.append(maxLengthError(maxLength)) }
        if !matches { errors.append(regexError(message, format, examples: examples)) }
        return errors
    }

    /// A port number, 1...65535 (`validation.IsValidPortNum`).
    public static func isValidPortNumber(_ port: Int) -> [String] {
        (1...65535).contains(port) ? [] : [inclusiveRangeError(1, 65535)]
    }

    /// `validation.MaxLenError`.
    public static func maxLengthError(_ length: Int) -> String {
        "must be no more than \(length) characters"
    }

    /// `validation.RegexError`.
    public static func regexError(_ message: String, _ format: String, examples: [String]) -> String {
        if examples.isEmpty { return message + " (regex used for validation is '" + format + "')" }
        let quoted = examples.map { "'" + $0 + "', " }.joined(separator: " or ")
        return message + " (e.g. " + quoted + "regex used for validation is '" + format + "')"
    }

    /// `validation.InclusiveRangeError`.
    public static func inclusiveRangeError(_ low: Int, _ high: Int) -> String {
        "must be between \(low) and \(high), inclusive"
    }

    // MARK: - Pattern matchers

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    private static func matchesDNS1123Label<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
            && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Labels joined by single dots.
    private static func matchesDNS1123Subdomain(_ value: String) -> Bool {
        value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy {
            matchesDNS1123Label($0)
        }
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func matchesQualifiedNamePart<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy {
                isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
            }
    }

    private static func isLowerLetter(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isLowerAlphanumeric(_ b: UInt8) -> Bool { isLowerLetter(b) || isDigit(b) }
    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        isLowerAlphanumeric(b) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
}
