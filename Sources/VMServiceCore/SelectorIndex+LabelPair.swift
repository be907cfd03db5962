/// One `key=value` entry of a label map or of an equality selector: the unit of the
/// selector index's inverted maps.
struct LabelPair: Sendable, Hashable, Comparable {
    var key: String
    var value: String

    static func < (lhs: LabelPair, rhs: LabelPair) -> Bool {
        (lhs.key, lhs.value) < (rhs.key, rhs.value)
    }
}

extension SelectorIndex {
    /// Equality-selector matching of spec §2.2: every selector key is present with an equal
    /// value, and an empty selector selects nothing (so an empty label set is never selected).
    public static func selector(_ selector: [String: String], selects labels: [String: String]) -> Bool {
        !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
    }
}
