/// `metav1.Condition`, the standard condition of `status.conditions`.
public struct Condition: Sendable, Hashable, Codable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var observedGeneration: Int64?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil,
        lastTransitionTime: Time? = nil, observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }
}

extension Array where Element == Condition {
    /// The first condition of the given type.
    public func first(ofType type: String) -> Condition? { first { $0.type == type } }
}
