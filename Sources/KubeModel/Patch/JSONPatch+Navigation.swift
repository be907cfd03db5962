/// Finding the object or array a JSON pointer's last token lives in, and changing it in place.
extension JSONPatch {
    /// Runs `body` on the object or array that holds the pointer's last token, in place.
    static func withParent(
        of path: JSONPointer, in doc: inout JSONValue, missing: String,
        _ body: (inout JSONValue, String) throws(PatchError) -> Void
    ) throws(PatchError) {
        guard let key = path.tokens.last else { throw failure(missing + ": missing value") }
        guard try descend(into: &doc, path.tokens.dropLast(), { (parent) throws(PatchError) in try body(&parent, key) })
        else { throw failure(missing + ": missing value") }
    }

    /// Walks `tokens` down from `node` and runs `body` on the container found; false if there is none.
    static func descend(
        into node: inout JSONValue, _ tokens: ArraySlice<String>, _ body: (inout JSONValue) throws(PatchError) -> Void
    ) throws(PatchError) -> Bool {
        guard let token = tokens.first else {
            guard node.objectValue != nil || node.arrayValue != nil else { return false }
            try body(&node)
            return true
        }
        switch node {
        case .object(var members):
            guard var child = members[token] else { return false }
            node = .null  // drop our reference so the members mutate in place
            members[token] = .null
            defer {
                members[token] = child
                node = .object(members)
            }
            return try descend(into: &child, tokens.dropFirst(), body)
        case .array(var items):
            guard let raw = Int(token), let index = resolve(raw, count: items.count) else { return false }
            var child = items[index]
            node = .null
            items[index] = .null
            defer {
                items[index] = child
                node = .array(items)
            }
            return try descend(into: &child, tokens.dropFirst(), body)
        default:
            return false
        }
    }

    static func container(at tokens: ArraySlice<String>, in doc: JSONValue) -> JSONValue? {
        var node = doc
        for token in tokens {
            switch node {
            case .object(let members):
                guard let child = members[token] else { return nil }
                node = child
            case .array(let items):
                guard let raw = Int(token), let index = resolve(raw, count: items.count) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node.objectValue != nil || node.arrayValue != nil ? node : nil
    }

    /// An index into `count` slots; negative ones count from the end, as evanphx allows.
    static func resolve(_ raw: Int, count: Int) -> Int? {
        let index = raw < 0 ? raw + count : raw
        return (0..<count).contains(index) ? index : nil
    }
}
