/// Why a patch could not be applied, with the status kube-apiserver answers for it.
///
/// `message` is the text of the Go library that fails (evanphx/json-patch v4 for JSON patch,
/// apimachinery's `mergepatch`/`strategicpatch` for strategic merge patch), so it can be logged
/// or compared in a test. The Status message is not always that text: for a failed JSON patch
/// operation and for a list of lists the API server answers a bare 422 with a generic message.
public struct PatchError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// 400: the patch is malformed.
        case badRequest
        /// 413: more JSON patch operations than the server accepts.
        case requestEntityTooLarge
        /// 415: a strategic merge patch for a custom resource.
        case unsupportedMediaType
        /// 422: the patch does not apply to the object.
        case invalid
        /// 500: any other failure inside the patch library.
        case internalError
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var httpStatus: Int {
        switch kind {
        case .badRequest: 400
        case .requestEntityTooLarge: 413
        case .unsupportedMediaType: 415
        case .invalid: 422
        case .internalError: 500
        }
    }

    /// The `reason` of the `metav1.Status`.
    public var statusReason: String {
        switch kind {
        case .badRequest: "BadRequest"
        case .requestEntityTooLarge: "RequestEntityTooLarge"
        case .unsupportedMediaType: "UnsupportedMediaType"
        case .invalid: "Invalid"
        case .internalError: "InternalError"
        }
    }

    /// The `message` of the `metav1.Status`.
    public var statusMessage: String {
        switch kind {
        case .badRequest, .unsupportedMediaType: message
        case .requestEntityTooLarge: "Request entity too large: \(message)"
        case .invalid: "the server rejected our request due to an error in our request"
        case .internalError: "Internal error occurred: \(message)"
        }
    }

    public var description: String { message }
}
