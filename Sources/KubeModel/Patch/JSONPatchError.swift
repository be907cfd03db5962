/// Why a JSON patch (RFC 6902) could not be applied, with what kube-apiserver answers for it.
///
/// `message` is the text evanphx/json-patch (v4, the version kube-apiserver vendors) produces,
/// so it can be logged or shown in a test. The API server itself only echoes it for malformed
/// patches (400); for operations that fail on the object it answers a bare 422 whose message is
/// the generic `statusMessage`.
public struct JSONPatchError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The body is not a list of operation objects: 400 Bad Request.
        case malformedPatch
        /// More operations than the server accepts: 413 Request Entity Too Large.
        case tooManyOperations
        /// An operation does not apply to the object (missing path, failed test...): 422.
        case operationFailed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var httpStatus: Int {
        switch kind {
        case .malformedPatch: 400
        case .tooManyOperations: 413
        case .operationFailed: 422
        }
    }

    /// The `reason` of the `metav1.Status` the API server returns.
    public var statusReason: String {
        switch kind {
        case .malformedPatch: "BadRequest"
        case .tooManyOperations: "RequestEntityTooLarge"
        case .operationFailed: "Invalid"
        }
    }

    /// The `message` of the `metav1.Status` the API server returns.
    public var statusMessage: String {
        switch kind {
        case .malformedPatch: message
        case .tooManyOperations: "Request entity too large: \(message)"
        case .operationFailed: "the server rejected our request due to an error in our request"
        }
    }

    public var description: String { message }
}
