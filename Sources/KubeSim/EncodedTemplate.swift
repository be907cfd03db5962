import KubeModel

/// An object's JSON encoded before it has a resourceVersion: the bytes around
/// `metadata.resourceVersion`'s value, joined around the revision once the write commits.
///
/// Why: encoding the object is the largest single cost left in a write. Made outside the
/// server's lock, it no longer holds up every other write; joining the halves under the lock
/// is one copy. And an update copies the encoding of every member it left as it was (the
/// spec of a metadata patch, the managedFields of most writes) from the previous revision's
/// bytes instead of encoding it again. `bytes(revision:)` equals `JSONWriter.bytes` of the
/// object with that resourceVersion, because both write the same members in the same
/// (sorted) order and a copied member is the encoding of an equal value.
struct EncodedTemplate: Sendable {
    /// Everything but the revision's digits, which go at `splice`.
    private var encoded: [UInt8] = []
    private var splice = 0
    private var members = MemberRanges()
    private var metadataMembers = MemberRanges()

    /// Nil when the object has no metadata object to hold a resourceVersion. `previous` is
    /// the object's previous revision and its encoding, for the members that did not change.
    init?(_ object: JSONValue, reusing previous: (object: JSONValue, layout: EncodedLayout)? = nil) {
        guard case .object(let topLevel) = object, case .object(let metadata)? = topLevel["metadata"] else { return nil }
        // Taken apart once: each member looks up its previous value and range in these.
        let previousObject = previous?.object
        let previousMetadata = previousObject?["metadata"]
        let layout = previous?.layout
        encoded.reserveCapacity(layout?.bytes.count ?? 4096)
        members.reserveCapacity(topLevel.count)
        metadataMembers.reserveCapacity(metadata.count)
        var memberCursor = 0
        var metadataCursor = 0
        encoded.append(UInt8(ascii: "{"))
        for (index, member) in topLevel.enumerated() {
            if index > 0 { encoded.append(UInt8(ascii: ",")) }
            writeKey(member.key)
            guard member.key == "metadata" else {
                members.append(
                    member.key,
                    writeValue(
                        member.value, previous: previousObject?[member.key],
                        at: layout?.members.range(of: member.key, from: &memberCursor),
                        in: layout?.bytes))
                continue
            }
            encoded.append(UInt8(ascii: "{"))
            // The metadata's members and a resourceVersion, in order, whether it has one or
            // not: walked beside it rather than set in it, which would copy the metadata.
            var first = true
            metadata.forEachPairedByKey(with: Self.resourceVersionOnly) { key, value, _ in
                if !first { encoded.append(UInt8(ascii: ",")) }
                first = false
                writeKey(key)
                if key == "resourceVersion" {
                    encoded.append(UInt8(ascii: "\""))
                    splice = encoded.count
                    encoded.append(UInt8(ascii: "\""))
                } else if let value {
                    metadataMembers.append(
                        key,
                        writeValue(
                            value, previous: previousMetadata?[key],
                            at: layout?.metadataMembers.range(of: key, from: &metadataCursor), in: layout?.bytes))
                }
            }
            encoded.append(UInt8(ascii: "}"))
        }
        encoded.append(UInt8(ascii: "}"))
    }

    private static let resourceVersionOnly: JSONObject = ["resourceVersion": ""]

    private mutating func writeKey(_ key: String) {
        JSONWriter.writeString(key, into: &encoded)
        encoded.append(UInt8(ascii: ":"))
    }

    /// Writes a member's value, copied from the previous encoding when it is unchanged;
    /// returns where it went.
    private mutating func writeValue(_ value: JSONValue, previous: JSONValue?, at range: Range<Int>?, in bytes: [UInt8]?)
        -> Range<Int>
    {
        let start = encoded.count
        if let previous, let range, let bytes, previous == value {
            encoded.append(contentsOf: bytes[range])
        } else {
            JSONWriter.write(value, into: &encoded)
        }
        return start..<encoded.count
    }

    func bytes(revision: Int) -> [UInt8] {
        let digits = String(revision).utf8
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + digits.count)
        out.append(contentsOf: encoded[..<splice])
        out.append(contentsOf: digits)
        out.append(contentsOf: encoded[splice...])
        return out
    }

    /// Where the members lie in `stored`, the bytes this template gave for its revision;
    /// `preparedWith` is the schema its object was pruned and defaulted with, if any.
    func layout(of stored: EncodedObject, preparedWith schema: StructuralSchema? = nil) -> EncodedLayout {
        let shift = String(stored.revision).utf8.count
        let moved = { (range: Range<Int>) in range.lowerBound >= splice ? range.lowerBound + shift..<range.upperBound + shift : range }
        return EncodedLayout(
            revision: stored.revision, bytes: stored.bytes, members: members.mapRanges(moved),
            metadataMembers: metadataMembers.mapRanges(moved), preparedWith: schema)
    }
}

/// A stored object's encoding and where the values of its members (and of its metadata's
/// members) lie in it: what the next write of the object copies for what it left unchanged.
/// A class: every update looks one up, and a reference costs one retain to hand out.
final class EncodedLayout: Sendable {
    let revision: Int
    let bytes: [UInt8]
    let members: MemberRanges
    let metadataMembers: MemberRanges
    /// The custom-resource schema the object of this revision was pruned and defaulted with:
    /// the next update may skip what it left unchanged only under that same schema.
    let preparedWith: StructuralSchema?

    init(revision: Int, bytes: [UInt8], members: MemberRanges, metadataMembers: MemberRanges, preparedWith: StructuralSchema?) {
        self.revision = revision
        self.bytes = bytes
        self.members = members
        self.metadataMembers = metadataMembers
        self.preparedWith = preparedWith
    }
}

/// Where each member's value lies in an encoding, in the members' (sorted) order: a handful
/// of members, so a scan beats hashing every key of every write.
struct MemberRanges: Sendable {
    private var keys: [String] = []
    private var ranges: [Range<Int>] = []

    mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        ranges.reserveCapacity(count)
    }

    mutating func append(_ key: String, _ range: Range<Int>) {
        keys.append(key)
        ranges.append(range)
    }

    /// The range of `key`, looked for from `cursor` on, which moves past it when found:
    /// looking the members of the next revision up in their (shared) order, each is found
    /// where the last one was left.
    func range(of key: String, from cursor: inout Int) -> Range<Int>? {
        guard let found = keys[cursor...].firstIndex(of: key) else { return nil }
        cursor = found + 1
        return ranges[found]
    }

    func mapRanges(_ transform: (Range<Int>) -> Range<Int>) -> MemberRanges {
        var mapped = self
        mapped.ranges = ranges.map(transform)
        return mapped
    }
}
