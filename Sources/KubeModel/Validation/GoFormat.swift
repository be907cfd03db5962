/// Go's `fmt` renderings of the values a field error can carry.
///
/// API error messages are compared byte for byte by clients and tests, and kube-apiserver
/// renders bad values with Go's `%q`, `%v` and `%#v`; these reproduce the outputs for the
/// shapes a decoded JSON value can take (`string`, `int64`, `float64`, `bool`, `nil`,
/// `[]interface{}`, `map[string]interface{}`).
enum GoFormat {
    /// `strconv.Quote`: double-quoted, with Go escapes for everything `unicode.IsPrint` rejects.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrint(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x80 {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value < 0x10000 {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out += "\\U" + hex(scalar.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// `%v` of a `float64`: shortest round-trip digits, `%e` form when the exponent is
    /// below -4 or at least 6 (strconv's 'g' with precision -1).
    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, pointPosition) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let magnitude = abs(exponent)
            let expText = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + expText
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return sign + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// `%v` of a scalar the way `field.Error` prints it: integers bare, strings quoted.
    static func value(_ value: JSONValue) -> String {
        switch value {
        case .null: return quote("null")
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return number(d)
        case .string(let s): return quote(s)
        case .array, .object: return goSyntax(value)
        }
    }

    /// `%#v` of a decoded JSON value, e.g. `[]interface {}{"a", 1}`.
    static func goSyntax(_ value: JSONValue) -> String {
        switch value {
        case .null: return "interface {}(nil)"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return number(d)
        case .string(let s): return quote(s)
        case .array(let items):
            return "[]interface {}{" + items.map(goSyntax).joined(separator: ", ") + "}"
        case .object(let members):
            let rendered = members.map { quote($0.key) + ":" + goSyntax($0.value) }
            return "map[string]interface {}{" + rendered.joined(separator: ", ") + "}"
        }
    }

    /// A JSON number as Go holds it after decoding: `int64` when integral, else `float64`.
    private static func number(_ d: Double) -> String {
        if let i = JSONValue.number(d).intValue { return String(i) }
        return float(d)
    }

    /// The shortest decimal digits that round-trip `value` (> 0) and the position of the
    /// decimal point relative to them (`digits × 10^(pointPosition − count)`).
    private static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        // Swift's description is the shortest round-trip form, either plain or `d.ddde±x`.
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0]
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = String(pieces[0])
        let fraction = pieces.count == 2 ? String(pieces[1]) : ""
        var digits = integerPart + fraction
        var pointPosition = integerPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
