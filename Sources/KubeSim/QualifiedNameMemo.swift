import KubeModel
import Synchronization

/// The qualified-name check of label and annotation keys, remembered per key.
///
/// Why: every write of an object checks all its label and annotation keys again, and they are
/// the same few keys each time; the check cost more than a tenth of a custom-resource write,
/// a lookup costs a hash. The check is a pure function of the key, so a remembered answer is
/// the answer. Bounded: when full it starts over, so clients inventing keys cannot grow it.
final class QualifiedNameMemo: Sendable {
    /// Label keys are checked as they are, annotation keys lower-cased (as kube-apiserver does).
    static let labelKeys = QualifiedNameMemo { KubeValidation.isQualifiedName($0) }
    static let annotationKeys = QualifiedNameMemo { KubeValidation.isQualifiedName($0.lowercased()) }

    static let capacity = 4096
    private let check: @Sendable (String) -> [String]
    private let known = Mutex<[String: [String]]>([:])

    private init(check: @escaping @Sendable (String) -> [String]) {
        self.check = check
    }

    func errors(_ key: String) -> [String] {
        if let errors = known.withLock({ $0[key] }) { return errors }
        let errors = check(key)
        known.withLock { known in
            if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
            known[key] = errors
        }
        return errors
    }
}
