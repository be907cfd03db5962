import KubeModel

/// The subset of kubectl's JSONPath that printer columns use: `.a.b`, `[0]`, `[*]` and
/// `[?(@.type=="Ready")]`, optionally wrapped in `{}`.
struct SimpleJSONPath: Sendable {
    enum Step: Sendable, Equatable {
        case field(String)
        case index(Int)
        case all
        case filter(path: [String], value: String)
    }

    var steps: [Step]

    init?(_ expression: String) {
        var text = Substring(expression.trimmingCharacters(in: " "))
        if text.hasPrefix("{"), text.hasSuffix("}") { text = text.dropFirst().dropLast() }
        var steps: [Step] = []
        while !text.isEmpty {
            if text.hasPrefix(".") {
                text = text.dropFirst()
                let name = text.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(.field(String(name)))
                text = text.dropFirst(name.count)
            } else if text.hasPrefix("[") {
                guard let close = Self.closingBracket(in: text) else { return nil }
                let inside = text[text.index(after: text.startIndex)..<close]
                text = text[text.index(after: close)...]
                if inside == "*" {
                    steps.append(.all)
                } else if let n = Int(inside) {
                    steps.append(.index(n))
                } else if inside.hasPrefix("?(@."), inside.hasSuffix(")") {
                    let body = inside.dropFirst(4).dropLast()
                    let sides = body.split(separator: "=", maxSplits: 2, omittingEmptySubsequences: false)
                    guard sides.count == 3, sides[1].isEmpty else { return nil }
                    let path = sides[0].trimmingCharacters(in: " ").split(separator: ".").map(String.init)
                    var value = sides[2].trimmingCharacters(in: " ")
                    value = value.trimmingCharacters(in: "\"'")
                    steps.append(.filter(path: path, value: value))
                } else if inside.hasPrefix("'"), inside.hasSuffix("'"), inside.count >= 2 {
                    steps.append(.field(String(inside.dropFirst().dropLast())))
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    private static func closingBracket(in text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices.dropFirst() {
            let c = text[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "]" {
                return index
            }
        }
        return nil
    }

    /// Every value the path reaches, in document order.
    func evaluate(_ root: JSONValue) -> [JSONValue] {
        var current = [root]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch step {
                case .field(let name):
                    if let v = value[name] { next.append(v) }
                case .index(let i):
                    if let items = value.arrayValue {
                        let position = i < 0 ? items.count + i : i
                        if items.indices.contains(position) { next.append(items[position]) }
                    }
                case .all:
                    if let items = value.arrayValue { next.append(contentsOf: items) }
                    else if let members = value.objectValue { next.append(contentsOf: members.values) }
                case .filter(let path, let wanted):
                    for item in value.arrayValue ?? [] {
                        if let v = item.value(at: path), Self.text(v) == wanted { next.append(item) }
                    }
                }
            }
            current = next
        }
        return current
    }

    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return JSONWriter.string(value)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
