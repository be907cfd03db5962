/// `metav1.LabelSelector`: the structured selector of API objects (Deployments, NetworkPolicies…).
public struct LabelSelector: Codable, Sendable, Hashable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Why a structured selector could not be turned into a `Selector`; the message is Go's.
    public struct ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The errors `metav1validation.ValidateLabelSelector` reports (default options), with paths
    /// under `path`, e.g. `spec.selector.matchExpressions[0].values`. Label keys are visited in
    /// sorted order so that the result is deterministic (Go's map order is random).
    public func validationErrors(path: String) -> [FieldError] {
        var errors: [FieldError] = []
        let labelsPath = path + ".matchLabels"
        for (key, value) in (matchLabels ?? [:]).sorted(by: { Selector.Requirement.byteOrder($0.key, $1.key) }) {
            errors += KubeValidation.isQualifiedName(key).map { .invalid(labelsPath, .string(key), $0) }
            errors += KubeValidation.isValidLabelValue(value).map { .invalid(labelsPath, .string(value), $0) }
        }
        for (i, expression) in (matchExpressions ?? []).enumerated() {
            errors += expression.validationErrors(path: "\(path).matchExpressions[\(i)]")
        }
        return errors
    }

    /// `metav1.LabelSelectorAsSelector` for a present selector: empty selects everything.
    /// (An absent selector selects nothing in Go; callers model that with an optional.)
    public func asSelector() throws(ConversionError) -> Selector {
        var requirements: [Selector.Requirement] = []
        for (key, value) in (matchLabels ?? [:]).sorted(by: { Selector.Requirement.byteOrder($0.key, $1.key) }) {
            requirements.append(Selector.Requirement(key: key, operator: .equals, values: [value]))
        }
        for expression in matchExpressions ?? [] {
            guard let op = expression.operator.selectorOperator else {
                throw ConversionError(message: "\(GoFormat.quote(expression.operator.rawValue)) is not a valid label selector operator")
            }
            requirements.append(Selector.Requirement(key: expression.key, operator: op, values: expression.values ?? []))
        }
        for requirement in requirements {
            let errors = requirement.validationErrors()
            if !errors.isEmpty { throw ConversionError(message: FieldError.aggregateMessage(errors)) }
        }
        return Selector(requirements: requirements)
    }
}

/// `metav1.LabelSelectorRequirement`.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    public var key: String
    public var `operator`: LabelSelectorOperator
    /// Must be non-empty for `In`/`NotIn` and empty for `Exists`/`DoesNotExist`.
    public var values: [String]?

    public init(key: String, operator: LabelSelectorOperator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// `metav1validation.ValidateLabelSelectorRequirement` with default options.
    public func validationErrors(path: String) -> [FieldError] {
        var errors: [FieldError] = []
        let valuesPath = path + ".values"
        let count = values?.count ?? 0
        switch self.operator {
        case .in, .notIn:
            if count == 0 {
                errors.append(.required(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'"))
            }
        case .exists, .doesNotExist:
            if count > 0 {
                errors.append(.forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
            }
        default:
            errors.append(.invalid(path + ".operator", .string(self.operator.rawValue), "not a valid selector operator"))
        }
        errors += KubeValidation.isQualifiedName(key).map { .invalid(path + ".key", .string(key), $0) }
        for (i, value) in (values ?? []).enumerated() {
            errors += KubeValidation.isValidLabelValue(value).map { .invalid("\(valuesPath)[\(i)]", .string(value), $0) }
        }
        return errors
    }
}

/// `metav1.LabelSelectorOperator`. A struct rather than an enum so that an unknown operator
/// decodes and can be reported by validation instead of failing the whole object.
public struct LabelSelectorOperator: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let `in` = LabelSelectorOperator(rawValue: "In")
    public static let notIn = LabelSelectorOperator(rawValue: "NotIn")
    public static let exists = LabelSelectorOperator(rawValue: "Exists")
    public static let doesNotExist = LabelSelectorOperator(rawValue: "DoesNotExist")

    /// The matching selector operator, nil for an unknown one.
    var selectorOperator: Selector.Operator? {
        switch self {
        case .in: .in
        case .notIn: .notIn
        case .exists: .exists
        case .doesNotExist: .doesNotExist
        default: nil
        }
    }
}
