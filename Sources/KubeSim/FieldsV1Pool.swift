import KubeModel
import Synchronization

/// One stored copy of each `fieldsV1` trie recently written: objects whose managers own the
/// same fields (every object a controller creates from one template) share it.
///
/// Why: as a tree, an object's `fieldsV1` costs a few kilobytes of memory, a fifth of what
/// kube-sim keeps per object, and in a fleet it is the same trie over and over. Sharing an
/// equal value changes nothing anyone can observe. Bounded: when full it starts over.
final class FieldsV1Pool: Sendable {
    static let shared = FieldsV1Pool()
    static let capacity = 1024
    private let tries = Mutex<Set<JSONValue>>([])

    /// `managedFields` with each entry's `fieldsV1` replaced by the pooled equal trie, if any
    /// (and pooled otherwise).
    func sharing(_ managedFields: JSONValue) -> JSONValue {
        guard case .array(var entries) = managedFields else { return managedFields }
        for index in entries.indices {
            guard let fields = entries[index]["fieldsV1"] else { continue }
            entries[index]["fieldsV1"] = pooled(fields)
        }
        return .array(entries)
    }

    private func pooled(_ fields: JSONValue) -> JSONValue {
        tries.withLock { tries in
            if let existing = tries.firstIndex(of: fields) { return tries[existing] }
            if tries.count >= Self.capacity { tries.removeAll(keepingCapacity: true) }
            tries.insert(fields)
            return fields
        }
    }
}
