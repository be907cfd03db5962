/// The `Content-Type`s of a PATCH request, and which ones a resource accepts.
public enum PatchType: String, Sendable, CaseIterable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategicMerge = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"

    /// What the API server accepts, in the order its 415 message lists them: custom resources
    /// take no strategic merge patch.
    public static func accepted(isCustomResource: Bool) -> [PatchType] {
        isCustomResource ? [.json, .merge, .apply] : [.json, .merge, .strategicMerge, .apply]
    }

    /// Reads a `Content-Type` header, ignoring parameters such as `; charset=utf-8`.
    public init?(contentType: String) {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        self.init(rawValue: String(mediaType.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
    }

    /// The 415 answer to a patch whose type the resource does not accept.
    public static func unsupported(isCustomResource: Bool) -> PatchError {
        PatchError(
            .unsupportedMediaType,
            "the body of the request was in an unknown format - accepted media types include: "
                + accepted(isCustomResource: isCustomResource).map(\.rawValue).joined(separator: ", "))
    }
}
