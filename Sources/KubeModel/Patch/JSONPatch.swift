/// JSON patch (RFC 6902), the `application/json-patch+json` patch type.
///
/// Follows evanphx/json-patch v4 as kube-apiserver uses it, quirks included: `replace` of a
/// missing object key adds it, `test` of a missing key against `null` passes, negative array
/// indices count from the end, and an operation without `value` uses `null`.
public enum JSONPatch {
    /// kube-apiserver's `maxJSONPatchOperations`.
    public static let maxOperations = 10_000

    /// Applies every operation in order; the first failure aborts the whole patch.
    public static func apply(_ patch: JSONValue, to document: JSONValue) throws(PatchError) -> JSONValue {
        guard case .array(let operations) = patch else {
            throw PatchError(.badRequest, "json: cannot unmarshal \(goKind(patch)) into Go value of type jsonpatch.Patch")
        }
        if operations.count > maxOperations {
            throw PatchError(
                .requestEntityTooLarge,
                "The allowed maximum operations in a JSON patch is \(maxOperations), got \(operations.count)")
        }
        var parsed: [[String: JSONValue]] = []
        for operation in operations {
            guard case .object(let fields) = operation else {
                throw PatchError(
                    .badRequest, "json: cannot unmarshal \(goKind(operation)) into Go value of type jsonpatch.Operation")
            }
            parsed.append(fields)
        }
        var result = document
        for fields in parsed {
            try perform(fields, on: &result)
        }
        return result
    }

    private static func perform(_ op: [String: JSONValue], on doc: inout JSONValue) throws(PatchError) {
        let kind = op["op"]?.stringValue ?? "unknown"
        let value = op["value"] ?? .null
        switch kind {
        case "add":
            let path = try pointer(op, "path", "add operation failed to decode path")
            try add(value, at: path, in: &doc, context: "add operation does not apply: doc is missing path: \"\(path)\"")
        case "remove":
            let path = try pointer(op, "path", "remove operation failed to decode path")
            try remove(path, from: &doc, missing: "remove operation does not apply: doc is missing path: \"\(path)\"")
        case "replace":
            let path = try pointer(op, "path", "replace operation failed to decode path")
            try replace(path, with: value, in: &doc)
        case "move":
            let from = try pointer(op, "from", "move operation failed to decode from")
            let moved = try read(from, in: doc, missing: "move operation does not apply: doc is missing from path: \(from)")
            try remove(from, from: &doc, missing: "move operation does not apply: doc is missing from path: \(from)")
            let path = try pointer(op, "path", "move operation failed to decode path")
            try add(moved, at: path, in: &doc, context: "move operation does not apply: doc is missing destination path: \(path)")
        case "copy":
            let from = try pointer(op, "from", "copy operation failed to decode from")
            let copied = try read(from, in: doc, missing: "copy operation does not apply: doc is missing from path: \(from)")
            let path = try pointer(op, "path", "copy operation failed to decode path")
            try add(copied, at: path, in: &doc, context: "copy operation does not apply: doc is missing destination path: \(path)")
        case "test":
            let path = try pointer(op, "path", "test operation failed to decode path")
            try test(path, equals: value, in: doc)
        default:
            throw failure("Unexpected kind: \(kind)")
        }
    }

    // MARK: operations

    private static func add(_ value: JSONValue, at path: JSONPointer, in doc: inout JSONValue, context: String)
        throws(PatchError)
    {
        try withParent(of: path, in: &doc, missing: context) { (parent, key) throws(PatchError) in
            switch parent {
            case .object(var members):
                members[key] = value
                parent = .object(members)
            case .array(var items):
                if key == "-" {
                    items.append(value)
                } else {
                    guard let raw = Int(key) else {
                        throw failure("error in add for path: '\(path)': value was not a proper array index: '\(key)'")
                    }
                    guard let index = resolve(raw, count: items.count + 1) else {
                        throw failure("error in add for path: '\(path)': Unable to access invalid index: \(raw): invalid index referenced")
                    }
                    items.insert(value, at: index)
                }
                parent = .array(items)
            default:
                throw failure(context + ": missing value")
            }
        }
    }

    private static func remove(_ path: JSONPointer, from doc: inout JSONValue, missing: String) throws(PatchError) {
        try withParent(of: path, in: &doc, missing: missing) { (parent, key) throws(PatchError) in
            switch parent {
            case .object(var members):
                guard members.removeValue(forKey: key) != nil else {
                    throw failure("error in remove for path: '\(path)': Unable to remove nonexistent key: \(key): missing value")
                }
                parent = .object(members)
            case .array(var items):
                guard let raw = Int(key), let index = resolve(raw, count: items.count) else {
                    throw failure("error in remove for path: '\(path)': Unable to access invalid index: \(key): invalid index referenced")
                }
                items.remove(at: index)
                parent = .array(items)
            default:
                throw failure(missing + ": missing value")
            }
        }
    }

    private static func replace(_ path: JSONPointer, with value: JSONValue, in doc: inout JSONValue) throws(PatchError) {
        if path.tokens.isEmpty {
            guard value.objectValue != nil || value.arrayValue != nil else {
                throw failure("replace operation value must be object or array")
            }
            doc = value
            return
        }
        let missing = "replace operation does not apply: doc is missing path: \(path)"
        try withParent(of: path, in: &doc, missing: missing) { (parent, key) throws(PatchError) in
            switch parent {
            case .object(var members):
                members[key] = value
                parent = .object(members)
            case .array(var items):
                guard let raw = Int(key), let index = resolve(raw, count: items.count) else {
                    throw failure("replace operation does not apply: doc is missing key: \(path): missing value")
                }
                items[index] = value
                parent = .array(items)
            default:
                throw failure(missing + ": missing value")
            }
        }
    }

    private static func test(_ path: JSONPointer, equals expected: JSONValue, in doc: JSONValue) throws(PatchError) {
        let failed = failure("testing value \(path) failed: test failed")
        guard let key = path.tokens.last else {
            if doc != expected { throw failed }
            return
        }
        guard let parent = container(at: path.tokens.dropLast(), in: doc) else {
            throw failure("test operation does not apply: is missing path: \(path): missing value")
        }
        let actual: JSONValue?
        switch parent {
        case .array(let items):
            guard let raw = Int(key), let index = resolve(raw, count: items.count) else {
                throw failure("error in test for path: '\(path)': Unable to access invalid index: \(key): invalid index referenced")
            }
            actual = items[index]
        default:
            actual = parent[key]
        }
        if (actual ?? .null) != expected { throw failed }
    }

    private static func read(_ path: JSONPointer, in doc: JSONValue, missing: String) throws(PatchError) -> JSONValue {
        guard let key = path.tokens.last, let parent = container(at: path.tokens.dropLast(), in: doc) else {
            throw failure(missing + ": missing value")
        }
        switch parent {
        case .array(let items):
            guard let raw = Int(key), let index = resolve(raw, count: items.count) else {
                throw failure("error in move for path: '\(key)': Unable to access invalid index: \(key): invalid index referenced")
            }
            return items[index]
        default:
            // evanphx reads a missing object member as null rather than failing.
            return parent[key] ?? .null
        }
    }

    // MARK: navigation

    /// Runs `body` on the object or array that holds the pointer's last token, in place.
    private static func withParent(
        of path: JSONPointer, in doc: inout JSONValue, missing: String,
        _ body: (inout JSONValue, String) throws(PatchError) -> Void
    ) throws(PatchError) {
        guard let key = path.tokens.last else { throw failure(missing + ": missing value") }
        guard try descend(into: &doc, path.tokens.dropLast(), { (parent) throws(PatchError) in try body(&parent, key) })
        else { throw failure(missing + ": missing value") }
    }

    /// Walks `tokens` down from `node` and runs `body` on the container found; false if there is none.
    private static func descend(
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

    private static func container(at tokens: ArraySlice<String>, in doc: JSONValue) -> JSONValue? {
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
    private static func resolve(_ raw: Int, count: Int) -> Int? {
        let index = raw < 0 ? raw + count : raw
        return (0..<count).contains(index) ? index : nil
    }

    private static func pointer(_ op: [String: JSONValue], _ field: String, _ context: String) throws(PatchError)
        -> JSONPointer
    {
        guard let text = op[field]?.stringValue else {
            throw failure("\(context): operation missing \(field) field: missing value")
        }
        // evanphx treats a path without a leading slash as one that names nothing.
        guard let pointer = JSONPointer(text) else {
            throw failure("\(context.prefix { $0 != " " }) operation does not apply: doc is missing path: \(text): missing value")
        }
        return pointer
    }

    private static func failure(_ message: String) -> PatchError {
        PatchError(.invalid, message)
    }

    /// The noun Go's encoding/json uses in "cannot unmarshal X into ...".
    private static func goKind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
