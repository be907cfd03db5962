/// The object a discrepancy is about.
struct Subject: Sendable, Hashable {
    var namespace: String
    var name: String
    var kind: String

    func discrepancy(_ field: String, expected: String, actual: String) -> Discrepancy {
        Discrepancy(namespace: namespace, name: name, kind: kind, field: field, expected: expected, actual: actual)
    }

    /// One discrepancy per differing leaf.
    func discrepancies(_ differences: [FieldDifference]) -> [Discrepancy] {
        differences.map {
            discrepancy(
                $0.path, expected: FieldDifference.render($0.expected), actual: FieldDifference.render($0.actual))
        }
    }
}
