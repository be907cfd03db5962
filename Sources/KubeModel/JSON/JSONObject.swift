/// The members of a JSON object, kept sorted by key in one array.
///
/// Why not a `Dictionary`: API objects have a handful of members each, and kube-sim spends
/// its writes looking them up, comparing whole objects and encoding them. A dictionary hashes
/// every key with SipHash for each lookup, compares by hashing one side into the other, and
/// encodes only after sorting its members (encoding writes keys sorted, so that equal values
/// always serialise identically). Kept sorted, a lookup is a binary search over a few keys,
/// equality is one pass over both arrays, encoding is in order already, and an object costs
/// one allocation instead of a hash table sized for growth.
///
/// Keys compare as `String` does, so the order is the one `sorted(by: <)` gives and a key
/// appears once. The interface is the part of `Dictionary`'s that JSON trees use.
public struct JSONObject: Sendable, Hashable {
    public typealias Element = (key: String, value: JSONValue)

    /// A struct rather than the `Element` tuple, so that the array is `Equatable`: comparing
    /// two objects that share their storage (a subtree a write left as it was) is then one
    /// identity check, as it was with dictionaries.
    private struct Member: Hashable, Sendable {
        var key: String
        var value: JSONValue
    }

    private var members: [Member]

    public init() { members = [] }

    /// Whether both hold the same members array in memory, so that they are equal without a
    /// look at any member (the case of a subtree a write left as it was).
    public func sharesStorage(with other: JSONObject) -> Bool {
        members.sharesBuffer(with: other.members)
    }

    /// Members in any order; when a key repeats, the last one wins, as in a JSON document.
    public init(unsorted members: [Element]) {
        self.members = members.map { Member(key: $0.key, value: $0.value) }
        if !Self.isStrictlySorted(self.members) { sortAndDropRepeats() }
    }

    public init(_ dictionary: [String: JSONValue]) {
        members = dictionary.sorted { $0.key < $1.key }.map { Member(key: $0.key, value: $0.value) }
    }

    /// A string map (labels, annotations) as JSON strings.
    public init(strings: [String: String]) {
        members = strings.sorted { $0.key < $1.key }.map { Member(key: $0.key, value: .string($0.value)) }
    }

    public init<S: Sequence>(_ pairs: S, uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue) rethrows
    where S.Element == (String, JSONValue) {
        self.init()
        for (key, value) in pairs {
            if let existing = self[key] { self[key] = try combine(existing, value) } else { self[key] = value }
        }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: Keys { Keys(object: self) }
    public var values: Values { Values(object: self) }

    /// Concrete views rather than `some Collection`: an opaque type is looked up at run time
    /// on every use outside this module, which showed in kube-sim's profile.
    public struct Keys: RandomAccessCollection, Sendable {
        fileprivate let object: JSONObject
        public var startIndex: Int { 0 }
        public var endIndex: Int { object.members.count }
        public subscript(position: Int) -> String { object.members[position].key }
    }

    public struct Values: RandomAccessCollection, Sendable {
        fileprivate let object: JSONObject
        public var startIndex: Int { 0 }
        public var endIndex: Int { object.members.count }
        public subscript(position: Int) -> JSONValue { object.members[position].value }
    }

    public subscript(key: String) -> JSONValue? {
        get {
            let (index, found) = position(of: key)
            return found ? members[index].value : nil
        }
        set {
            let (index, found) = position(of: key)
            switch (found, newValue) {
            case (true, let value?): members[index].value = value
            case (true, nil): members.remove(at: index)
            case (false, let value?): members.insert(Member(key: key, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let (index, found) = position(of: key)
        return found ? members.remove(at: index).value : nil
    }

    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var mapped = self
        for index in mapped.members.indices { mapped.members[index].value = try transform(members[index].value) }
        return mapped
    }

    public func compactMapValues(_ transform: (JSONValue) throws -> JSONValue?) rethrows -> JSONObject {
        var mapped = JSONObject()
        mapped.members.reserveCapacity(members.count)
        for member in members {
            if let value = try transform(member.value) { mapped.members.append(Member(key: member.key, value: value)) }
        }
        return mapped
    }

    /// A dictionary of the values `transform` keeps, as `Dictionary.compactMapValues` gives.
    public func compactMapValues<T>(_ transform: (JSONValue) throws -> T?) rethrows -> [String: T] {
        var mapped: [String: T] = [:]
        mapped.reserveCapacity(members.count)
        for member in members {
            if let value = try transform(member.value) { mapped[member.key] = value }
        }
        return mapped
    }

    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> JSONObject {
        var kept = JSONObject()
        kept.members = try members.filter { try isIncluded(($0.key, $0.value)) }
        return kept
    }

    /// Calls `body` for every key of either object, in key order, with its value in each
    /// (nil where it has none): one pass over both sorted member lists, where looking each
    /// key up in the other object costs a search per key.
    public func forEachPairedByKey(
        with other: JSONObject, _ body: (_ key: String, _ mine: JSONValue?, _ theirs: JSONValue?) throws -> Void
    ) rethrows {
        var mine = 0
        var theirs = 0
        while mine < members.count || theirs < other.members.count {
            if theirs == other.members.count {
                try body(members[mine].key, members[mine].value, nil)
                mine += 1
            } else if mine == members.count {
                try body(other.members[theirs].key, nil, other.members[theirs].value)
                theirs += 1
            } else if members[mine].key == other.members[theirs].key {
                try body(members[mine].key, members[mine].value, other.members[theirs].value)
                mine += 1
                theirs += 1
            } else if members[mine].key < other.members[theirs].key {
                try body(members[mine].key, members[mine].value, nil)
                mine += 1
            } else {
                try body(other.members[theirs].key, nil, other.members[theirs].value)
                theirs += 1
            }
        }
    }

    /// Where `key` is, or where it would go.
    private func position(of key: String) -> (index: Int, found: Bool) {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) &>> 1
            let candidate = members[middle].key
            if candidate == key { return (middle, true) }
            if candidate < key { low = middle + 1 } else { high = middle }
        }
        return (low, false)
    }

    private static func isStrictlySorted(_ members: [Member]) -> Bool {
        var previous: String?
        for member in members {
            if let previous, !(previous < member.key) { return false }
            previous = member.key
        }
        return true
    }

    private mutating func sortAndDropRepeats() {
        // Sorting is stable, so of repeated keys the one written last comes last.
        let sorted = members.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
        members.removeAll(keepingCapacity: true)
        for (_, member) in sorted {
            if let last = members.last, last.key == member.key {
                members[members.count - 1] = member
            } else {
                members.append(member)
            }
        }
    }
}

extension JSONObject: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }
    public subscript(position: Int) -> Element {
        let member = members[position]
        return (member.key, member.value)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public typealias Key = String
    public typealias Value = JSONValue

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(unsorted: elements.map { (key: $0.0, value: $0.1) })
    }
}

extension JSONObject: Codable {
    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try [String: JSONValue](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        for member in members { try container.encode(member.value, forKey: MemberKey(stringValue: member.key)) }
    }
}

extension JSONObject: CustomStringConvertible {
    public var description: String {
        "[" + members.map { "\(String(reflecting: $0.key)): \($0.value)" }.joined(separator: ", ") + "]"
    }
}
