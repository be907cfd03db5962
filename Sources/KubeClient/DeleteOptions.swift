/// The body of a DELETE (`meta/v1 DeleteOptions`).
public struct DeleteOptions: Sendable, Hashable, Encodable {
    /// How dependents are collected.
    public enum PropagationPolicy: String, Sendable, Hashable, Encodable {
        case orphan = "Orphan"
        case background = "Background"
        case foreground = "Foreground"
    }

    /// Delete only if the object still has this uid / resourceVersion; otherwise 409 Conflict.
    public struct Preconditions: Sendable, Hashable, Encodable {
        public var uid: String?
        public var resourceVersion: String?

        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    public var apiVersion = "v1"
    public var kind = "DeleteOptions"
    public var preconditions: Preconditions?
    public var propagationPolicy: PropagationPolicy?
    public var gracePeriodSeconds: Int?

    public init(
        preconditions: Preconditions? = nil, propagationPolicy: PropagationPolicy? = nil,
        gracePeriodSeconds: Int? = nil
    ) {
        self.preconditions = preconditions
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
    }
}
