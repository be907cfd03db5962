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
        var parsed: [JSONObject] = []
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

    private static func perform(_ op: JSONObject, on doc: inout JSONValue) throws(PatchError) {
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

    private static func pointer(_ op: JSONObject, _ field: String, _ context: String) throws(PatchError)
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

    static func failure(_ message: String) -> PatchError {
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
