/// Encodes an `Encodable` value straight into a `JSONValue`: the tree
/// `JSONReader.parse(JSONEncoder().encode(value))` gives (default strategies), without the
/// bytes in between.
///
/// Why: the controller diffs what it wants against what it read as JSON trees to build its
/// merge patches, for every object of every pass. Encoding to bytes with Foundation and
/// parsing them back was the largest part of a worker's CPU.
public enum JSONValueEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        let root = Node()
        try value.encode(to: TreeEncoder(node: root, codingPath: []))
        return root.json
    }

    /// A value being built. Containers keep a reference to their node, so a nested container
    /// can be filled after its parent asked for it, as `Encoder` allows.
    fileprivate final class Node {
        enum Content {
            case unset
            case value(JSONValue)
            /// In the order encoded; a name set twice keeps its last node, as `JSONObject` does.
            case object([(name: String, node: Node)])
            case array([Node])
        }

        var content = Content.unset

        /// A value that asked for no container encodes as `{}`, as with `JSONEncoder`.
        var json: JSONValue {
            switch content {
            case .unset: .object(JSONObject())
            case .value(let value): value
            case .object(let members): .object(JSONObject(unsorted: members.map { (key: $0.name, value: $0.node.json) }))
            case .array(let items): .array(items.map(\.json))
            }
        }

        /// Sets a member in place (the members are taken out of `content` first, so that
        /// they are not copied on every member).
        func setMember(_ name: String, _ child: Node) {
            guard case .object(var members) = content else {
                content = .object([(name, child)])
                return
            }
            content = .unset
            members.append((name, child))
            content = .object(members)
        }

        func append(_ child: Node) {
            guard case .array(var items) = content else {
                content = .array([child])
                return
            }
            content = .unset
            items.append(child)
            content = .array(items)
        }

        var count: Int {
            if case .array(let items) = content { items.count } else { 0 }
        }

        static func leaf(_ value: JSONValue) -> Node {
            let node = Node()
            node.content = .value(value)
            return node
        }
    }

    fileprivate struct TreeEncoder: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = node.content {} else { node.content = .object([]) }
            return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .array = node.content {} else { node.content = .array([]) }
            return UnkeyedContainer(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueContainer(node: node, codingPath: codingPath)
        }
    }

    /// How each container turns a leaf into a value, and a nested value into a node.
    fileprivate static func number(_ value: Double, _ codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: codingPath, debugDescription: "\(value) is not valid JSON"))
        }
        return .number(value)
    }

    fileprivate static func node<T: Encodable>(for value: T, codingPath: [any CodingKey]) throws -> Node {
        let child = Node()
        if let json = value as? JSONValue {
            child.content = .value(json)
        } else {
            try value.encode(to: TreeEncoder(node: child, codingPath: codingPath))
        }
        return child
    }

    fileprivate struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        private func set(_ value: JSONValue, _ key: Key) { node.setMember(key.stringValue, .leaf(value)) }

        mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            set(try JSONValueEncoder.number(value, codingPath + [key]), key)
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            set(try JSONValueEncoder.number(Double(value), codingPath + [key]), key)
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.number(Double(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.number(Double(value)), key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            node.setMember(key.stringValue, try JSONValueEncoder.node(for: value, codingPath: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            TreeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            TreeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            TreeEncoder(node: child(named: "super"), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            TreeEncoder(node: child(key), codingPath: codingPath + [key])
        }

        private func child(_ key: Key) -> Node { child(named: key.stringValue) }

        private func child(named name: String) -> Node {
            let child = Node()
            node.setMember(name, child)
            return child
        }
    }

    fileprivate struct UnkeyedContainer: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int { node.count }

        private func append(_ value: JSONValue) { node.append(.leaf(value)) }

        private var nextPath: [any CodingKey] { codingPath + [IndexKey(intValue: count)] }

        mutating func encodeNil() throws { append(.null) }
        mutating func encode(_ value: Bool) throws { append(.bool(value)) }
        mutating func encode(_ value: String) throws { append(.string(value)) }
        mutating func encode(_ value: Double) throws { append(try JSONValueEncoder.number(value, nextPath)) }
        mutating func encode(_ value: Float) throws { append(try JSONValueEncoder.number(Double(value), nextPath)) }
        mutating func encode(_ value: Int) throws { append(.number(Double(value))) }
        mutating func encode(_ value: Int8) throws { append(.number(Double(value))) }
        mutating func encode(_ value: Int16) throws { append(.number(Double(value))) }
        mutating func encode(_ value: Int32) throws { append(.number(Double(value))) }
        mutating func encode(_ value: Int64) throws { append(.number(Double(value))) }
        mutating func encode(_ value: UInt) throws { append(.number(Double(value))) }
        mutating func encode(_ value: UInt8) throws { append(.number(Double(value))) }
        mutating func encode(_ value: UInt16) throws { append(.number(Double(value))) }
        mutating func encode(_ value: UInt32) throws { append(.number(Double(value))) }
        mutating func encode(_ value: UInt64) throws { append(.number(Double(value))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            node.append(try JSONValueEncoder.node(for: value, codingPath: nextPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            TreeEncoder(node: appendChild(), codingPath: nextPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            TreeEncoder(node: appendChild(), codingPath: nextPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            TreeEncoder(node: appendChild(), codingPath: nextPath)
        }

        private func appendChild() -> Node {
            let child = Node()
            node.append(child)
            return child
        }
    }

    fileprivate struct SingleValueContainer: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.content = .value(.null) }
        mutating func encode(_ value: Bool) throws { node.content = .value(.bool(value)) }
        mutating func encode(_ value: String) throws { node.content = .value(.string(value)) }
        mutating func encode(_ value: Double) throws { node.content = .value(try JSONValueEncoder.number(value, codingPath)) }
        mutating func encode(_ value: Float) throws {
            node.content = .value(try JSONValueEncoder.number(Double(value), codingPath))
        }
        mutating func encode(_ value: Int) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: Int8) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: Int16) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: Int32) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: Int64) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: UInt) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: UInt8) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: UInt16) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: UInt32) throws { node.content = .value(.number(Double(value))) }
        mutating func encode(_ value: UInt64) throws { node.content = .value(.number(Double(value))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            if let json = value as? JSONValue {
                node.content = .value(json)
            } else {
                try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
            }
        }
    }

    private struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { String(intValue ?? 0) }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
