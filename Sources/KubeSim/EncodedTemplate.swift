import KubeModel

/// An object's JSON encoded before it has a resourceVersion: the bytes on either side of
/// `metadata.resourceVersion`'s value, joined around the revision once the write commits.
///
/// Why: encoding the object is the largest single cost left in a write. Made outside the
/// server's lock, it no longer holds up every other write; joining the halves under the lock
/// is one copy. `bytes(revision:)` equals `JSONWriter.bytes` of the object with that
/// resourceVersion, because both write the same members in the same (sorted) order.
struct EncodedTemplate: Sendable {
    private let head: [UInt8]
    private let tail: [UInt8]

    /// Nil when the object has no metadata object to hold a resourceVersion.
    init?(_ object: JSONValue) {
        guard case .object(let members) = object, case .object(var metadata)? = members["metadata"] else { return nil }
        metadata["resourceVersion"] = ""
        var head: [UInt8] = []
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        Self.writeObject(members, into: &out) { key, _, out in
            guard key == "metadata" else { return false }
            JSONWriter.writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            Self.writeObject(metadata, into: &out) { key, _, out in
                guard key == "resourceVersion" else { return false }
                JSONWriter.writeString(key, into: &out)
                out.append(contentsOf: #":""#.utf8)
                head = out
                out.removeAll(keepingCapacity: true)
                out.append(UInt8(ascii: "\""))
                return true
            }
            return true
        }
        self.head = head
        tail = out
    }

    func bytes(revision: Int) -> [UInt8] {
        let digits = String(revision).utf8
        var out: [UInt8] = []
        out.reserveCapacity(head.count + digits.count + tail.count)
        out.append(contentsOf: head)
        out.append(contentsOf: digits)
        out.append(contentsOf: tail)
        return out
    }

    /// `JSONWriter`'s object encoding, except for members `special` writes itself (it returns
    /// true when it did).
    private static func writeObject(
        _ members: [String: JSONValue], into out: inout [UInt8],
        special: (String, JSONValue, inout [UInt8]) -> Bool
    ) {
        out.append(UInt8(ascii: "{"))
        for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if special(member.key, member.value, &out) { continue }
            JSONWriter.writeString(member.key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.write(member.value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
