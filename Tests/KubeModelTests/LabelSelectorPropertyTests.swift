import PropertyBased
import Testing

@testable import KubeModel

/// For random valid selectors and label maps: printing then parsing gives the same selector,
/// and matching agrees with a brute-force reading of the operator definitions.
@Suite struct LabelSelectorPropertyTests {
    /// Small pools so that keys collide with labels often; `in`/`notin` test the keyword rules.
    static let keys = ["a", "b", "x.io/c", "in", "notin", "Z_1"]
    static let values = ["", "1", "2", "10", "v", "v.w", "in", "A-b_c"]
    static let integers = ["0", "1", "2", "10"]
    /// Label values beyond the pools above: numbers Go's ParseInt reads but selectors cannot hold.
    static let oddLabelValues = ["+3", "-1"]

    /// Decodes a requirement from small integers so the generator shrinks well.
    static func requirement(key: Int, operator opIndex: Int, valueBits: Int) -> Selector.Requirement {
        let op = Selector.Operator.allCases[opIndex]
        let key = keys[key]
        switch op {
        case .exists, .doesNotExist:
            return .init(key: key, operator: op)
        case .greaterThan, .lessThan:
            return .init(key: key, operator: op, values: [integers[valueBits % integers.count]])
        case .equals, .doubleEquals, .notEquals:
            return .init(key: key, operator: op, values: [values[valueBits % values.count]])
        case .in, .notIn:
            var chosen = values.indices.filter { valueBits & (1 << $0) != 0 }.map { values[$0] }
            if chosen.isEmpty { chosen = [values[valueBits % values.count]] }
            return .init(key: key, operator: op, values: chosen.sorted(by: Selector.Requirement.byteOrder))
        }
    }

    static let requirements = zip(
        Gen.int(in: 0...(keys.count - 1)), Gen.int(in: 0...(Selector.Operator.allCases.count - 1)), Gen.int(in: 0...255)
    )
    .map { requirement(key: $0.0, operator: $0.1, valueBits: $0.2) }
    .array(of: 0...5)

    static let labelValues = values + integers + oddLabelValues
    static let labels = zip(Gen.int(in: 0...(keys.count - 1)), Gen.int(in: 0...(labelValues.count - 1)))
        .map { pair in (keys[pair.0], labelValues[pair.1]) }
        .array(of: 0...5)
        .map { Dictionary($0, uniquingKeysWith: { first, _ in first }) }

    /// The operator definitions, written independently of the implementation.
    static func holds(_ r: Selector.Requirement, _ labels: [String: String]) -> Bool {
        let actual = labels[r.key]
        switch r.operator {
        case .equals, .doubleEquals: return actual == r.values[0]
        case .notEquals: return actual != r.values[0]
        case .in:
            guard let actual else { return false }
            return r.values.contains(actual)
        case .notIn:
            guard let actual else { return true }
            return !r.values.contains(actual)
        case .exists: return labels.keys.contains(r.key)
        case .doesNotExist: return !labels.keys.contains(r.key)
        case .greaterThan, .lessThan:
            guard let text = actual, let number = Int(text), let bound = Int(r.values[0]) else { return false }
            return r.operator == .greaterThan ? number > bound : number < bound
        }
    }

    @Test func printedSelectorsParseBackToThemselves() async {
        await propertyCheck(count: 300, input: Self.requirements) { requirements in
            let selector = Selector(requirements: requirements)
            #expect(selector.validationErrors().isEmpty, "\(selector)")
            let parsed = try Selector.parse(selector.description)
            #expect(parsed == selector)
        }
    }

    @Test func matchingAgreesWithBruteForce() async {
        await propertyCheck(count: 300, input: Self.requirements, Self.labels) { requirements, labels in
            let expected = requirements.allSatisfy { Self.holds($0, labels) }
            let selector = Selector(requirements: requirements)
            #expect(selector.matches(labels) == expected, "\(selector) on \(labels)")
            let parsed = try Selector.parse(selector.description)
            #expect(parsed.matches(labels) == expected, "\(selector) on \(labels)")
        }
    }

    @Test func aLabelSetSelectsItself() async {
        await propertyCheck(count: 200, input: Self.labels, Self.labels) { labels, others in
            let selector = Selector(matchLabels: labels)
            #expect(selector.matches(labels))
            #expect(selector.matches(others) == labels.allSatisfy { others[$0.key] == $0.value })
        }
    }

    /// Strings over the selector grammar's symbols and keywords, mostly malformed.
    static let selectorish = Gen.int(in: 0...15)
        .map { ["a", "b", "=", "!", "(", ")", ",", " ", "in", "notin", "<", ">", "1", "x/", ".", "\0"][$0] }
        .array(of: 0...14)
        .map { $0.joined() }

    @Test func anythingThatParsesPrintsBackToItself() async {
        await propertyCheck(count: 2000, input: Self.selectorish) { text in
            guard let selector = try? Selector.parse(text) else { return }
            let reparsed = try Selector.parse(selector.description)
            #expect(reparsed == selector, "\(text.debugDescription) -> \(selector)")
            #expect(selector.validationErrors().isEmpty, "\(text.debugDescription)")
        }
    }

    static let fieldValues = ["", "web", "a,b", "x=y", #"back\slash"#, "kube-system"]
    static let fieldTerms = zip(Gen.int(in: 0...2), Gen.bool(), Gen.int(in: 0...(fieldValues.count - 1)))
        .map { FieldSelector.Term(field: ["metadata.name", "metadata.namespace", "spec.nodeName"][$0.0], negated: $0.1, value: fieldValues[$0.2]) }
        .array(of: 0...4)

    @Test func printedFieldSelectorsParseBackToTheSameTerms() async {
        await propertyCheck(count: 200, input: Self.fieldTerms) { terms in
            let selector = FieldSelector(terms: terms)
            let parsed = try FieldSelector.parse(selector.description)
            #expect(parsed.terms.map(\.description).sorted() == terms.map(\.description).sorted(), "\(selector)")
            for value in Self.fieldValues {
                let fields = ["metadata.name": value, "metadata.namespace": value]
                #expect(parsed.matches(fields) == selector.matches(fields))
            }
        }
    }
}
