/// A label selector in its evaluated form: requirements that must all hold (`labels.Selector`
/// in k8s.io/apimachinery).
///
/// Requirements are kept sorted by key (stable for equal keys), which is the order Go prints
/// them in, so two selectors that mean the same thing compare equal and print identically.
/// An empty list selects everything.
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    /// `selection.Operator`; the raw values are Go's.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    /// One condition on one label.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var `operator`: Operator
        /// As given; `description` sorts them. Exactly one for `=`, `==`, `!=`, `gt`, `lt`,
        /// at least one for `in`/`notin`, none for `exists` and `!`.
        public var values: [String]

        /// Builds a requirement without checking it; see `validationErrors(path:)`.
        public init(key: String, operator: Operator, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }

        /// Whether the labels satisfy the requirement. A missing label fails `=`, `in`,
        /// `exists`, `gt` and `lt` and satisfies `!=`, `notin` and `!`.
        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch self.operator {
            case .equals, .doubleEquals, .in:
                return value.map(values.contains) ?? false
            case .notEquals, .notIn:
                return value.map { !values.contains($0) } ?? true
            case .exists:
                return value != nil
            case .doesNotExist:
                return value == nil
            case .greaterThan, .lessThan:
                guard values.count == 1, let bound = Int64(values[0]), let actual = value.flatMap({ Int64($0) }) else {
                    return false
                }
                return self.operator == .greaterThan ? actual > bound : actual < bound
            }
        }

        /// Go's `Requirement.String()`, e.g. `app=web`, `tier in (a,b)`, `!legacy`.
        public var description: String {
            switch self.operator {
            case .exists: return key
            case .doesNotExist: return "!" + key
            default: break
            }
            let joined = values.count == 1 ? values[0] : values.sorted(by: Self.byteOrder).joined(separator: ",")
            switch self.operator {
            case .in: return key + " in (" + joined + ")"
            case .notIn: return key + " notin (" + joined + ")"
            case .greaterThan: return key + ">" + joined
            case .lessThan: return key + "<" + joined
            default: return key + self.operator.rawValue + joined
            }
        }

        /// The errors Go's `labels.NewRequirement` reports, with field paths under `path`
        /// (`key`, `values`, `values[0][<key>]` …); empty when the requirement is valid.
        public func validationErrors(path: String? = nil) -> [FieldError] {
            var errors: [FieldError] = []
            let keyErrors = KubeValidation.isQualifiedName(key)
            if !keyErrors.isEmpty {
                errors.append(.invalid(child(path, "key"), .string(key), keyErrors.joined(separator: "; ")))
            }
            let valuesPath = child(path, "values")
            let badValues = JSONValue.array(values.map(JSONValue.string))
            switch self.operator {
            case .in, .notIn:
                if values.isEmpty {
                    errors.append(.invalid(valuesPath, badValues, "for 'in', 'notin' operators, values set can't be empty"))
                }
            case .equals, .doubleEquals, .notEquals:
                if values.count != 1 {
                    errors.append(.invalid(valuesPath, badValues, "exact-match compatibility requires one single value"))
                }
            case .exists, .doesNotExist:
                if !values.isEmpty {
                    errors.append(.invalid(valuesPath, badValues, "values set must be empty for exists and does not exist"))
                }
            case .greaterThan, .lessThan:
                if values.count != 1 {
                    errors.append(
                        .invalid(valuesPath, badValues, "for 'Gt', 'Lt' operators, exactly one value is required"))
                }
                for (i, value) in values.enumerated() where Int64(value) == nil {
                    errors.append(
                        .invalid("\(valuesPath)[\(i)]", .string(value), "for 'Gt', 'Lt' operators, the value must be an integer"))
                }
            }
            for (i, value) in values.enumerated() {
                let valueErrors = KubeValidation.isValidLabelValue(value)
                if !valueErrors.isEmpty {
                    errors.append(.invalid("\(valuesPath)[\(i)][\(key)]", .string(value), valueErrors.joined(separator: "; ")))
                }
            }
            return errors
        }

        private func child(_ path: String?, _ name: String) -> String {
            path.map { $0 + "." + name } ?? name
        }

        /// Go orders strings byte-wise; Swift's `<` works on canonical equivalence instead.
        static func byteOrder(_ a: String, _ b: String) -> Bool {
            a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }

    public let requirements: [Requirement]

    /// Sorts the requirements by key, keeping the given order among equal keys.
    public init(requirements: [Requirement]) {
        self.requirements = requirements.enumerated()
            .sorted { a, b in
                a.element.key == b.element.key ? a.offset < b.offset : Requirement.byteOrder(a.element.key, b.element.key)
            }
            .map(\.element)
    }

    /// `labels.SelectorFromSet`: every label must equal the given value. Empty selects everything.
    public init(matchLabels: [String: String]) {
        self.init(requirements: matchLabels.map { Requirement(key: $0.key, operator: .equals, values: [$0.value]) })
    }

    /// Selects every object (`labels.Everything()`).
    public static let everything = Selector(requirements: [])

    /// Whether this selects everything.
    public var isEmpty: Bool { requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// Go's `Selector.String()`: requirements joined by `,`; `parse` reads it back.
    public var description: String {
        requirements.map(\.description).joined(separator: ",")
    }

    /// The errors of all requirements (as `NewRequirement` would report them).
    public func validationErrors(path: String? = nil) -> [FieldError] {
        requirements.flatMap { $0.validationErrors(path: path) }
    }
}
