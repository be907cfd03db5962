/// The set of fields one manager owns, kept as paths and written as the `fieldsV1` trie of
/// `metadata.managedFields` (`{"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}}}}`).
public struct FieldSet: Sendable, Hashable {
    public var paths: Set<FieldPath>

    public init(_ paths: Set<FieldPath> = []) {
        self.paths = paths
    }

    public var isEmpty: Bool { paths.isEmpty }

    /// True when the set holds `path` or anything below it.
    func covers(_ path: FieldPath) -> Bool {
        paths.contains { $0.hasPrefix(path) }
    }

    // MARK: fieldsV1

    /// Reads a `fieldsV1` object; keys that are not `f:`, `k:`, `v:`, `i:` or `.` are skipped.
    public init(fieldsV1: JSONValue) {
        var paths = Set<FieldPath>()
        Self.read(fieldsV1, prefix: FieldPath([]), into: &paths)
        self.paths = paths
    }

    private static func read(_ node: JSONValue, prefix: FieldPath, into paths: inout Set<FieldPath>) {
        guard case .object(let members) = node else { return }
        for (key, child) in members {
            if key == "." {
                if !prefix.elements.isEmpty { paths.insert(prefix) }
                continue
            }
            guard let element = FieldPathElement(fieldsV1Key: key) else { continue }
            let path = prefix.appending(element)
            if child.objectValue?.isEmpty ?? true {
                paths.insert(path)
            } else {
                read(child, prefix: path, into: &paths)
            }
        }
    }

    public var fieldsV1: JSONValue {
        var root = Node()
        for path in paths { root.insert(path.elements[...]) }
        return root.json(includeSelf: false)
    }

    /// A trie node: `isMember` when the path ending here is in the set itself.
    private struct Node {
        var isMember = false
        var children: [FieldPathElement: Node] = [:]

        mutating func insert(_ elements: ArraySlice<FieldPathElement>) {
            guard let first = elements.first else {
                isMember = true
                return
            }
            children[first, default: Node()].insert(elements.dropFirst())
        }

        func json(includeSelf: Bool) -> JSONValue {
            var members: JSONObject = [:]
            if includeSelf && isMember && !children.isEmpty { members["."] = [:] }
            for (element, child) in children {
                members[element.fieldsV1Key] = child.json(includeSelf: true)
            }
            return .object(members)
        }
    }
}
