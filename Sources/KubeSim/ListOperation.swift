import KubeModel

/// LIST with kube-apiserver's resourceVersion semantics and consistent pagination: a
/// continue token pins the revision of the first page, and later pages are cut from the
/// store as it was then (410 Gone once that history is compacted).
extension ServerState {
    struct ListOptions: Sendable {
        var filter = ObjectFilter.everything
        var limit: Int?
        var continueToken: String?
        var resourceVersion: String?
        var resourceVersionMatch: String?
    }

    struct ListResult {
        var items: [JSONValue]
        var revision: Int
        var continueToken: String?
        var remainingItemCount: Int?
    }

    func list(_ type: ResourceType, options: ListOptions) throws -> ListResult {
        let resource = type.groupResource
        var revision = store.revision
        var startAfter: ObjectKey?
        if let token = options.continueToken, !token.isEmpty {
            let position = try ContinueToken.decode(token)
            revision = position.revision
            startAfter = position.after
        } else if let requested = options.resourceVersion, !requested.isEmpty, requested != "0" {
            guard let n = Int(requested) else {
                throw APIError.badRequest("invalid resource version: strconv.ParseUint: parsing \"\(requested)\": invalid syntax")
            }
            if n > store.revision { throw APIError.tooLargeResourceVersion(requested: n, current: store.revision) }
            let exact = options.resourceVersionMatch == "Exact"
                || (options.resourceVersionMatch == nil && (options.limit ?? 0) > 0)
            if exact { revision = n }
        } else if options.resourceVersionMatch != nil, (options.resourceVersion ?? "").isEmpty {
            throw APIError.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided")
        }
        guard let all = store.snapshot(resource, namespace: options.filter.namespace, at: revision) else {
            if options.continueToken != nil { throw APIError.continueExpired }
            throw APIError.tooOldResourceVersion(requested: revision, oldest: store.history.compactedRevision + 1)
        }
        var items: [JSONValue] = []
        var lastKey: ObjectKey?
        var remaining = 0
        let limit = (options.limit ?? 0) > 0 ? options.limit : nil
        for (key, object) in all {
            if let startAfter, !(startAfter < key) { continue }
            guard options.filter.matches(key, object) else { continue }
            if let limit, items.count >= limit {
                remaining += 1
                continue
            }
            items.append(object)
            lastKey = key
        }
        var result = ListResult(items: items, revision: revision)
        if remaining > 0, let lastKey {
            result.continueToken = ContinueToken.encode(revision: revision, after: lastKey)
            if options.filter.labels == nil, options.filter.fields == nil { result.remainingItemCount = remaining }
        }
        return result
    }
}

/// The continue token kube-apiserver hands out: base64 of
/// `{"v":"meta.k8s.io/v1","rv":N,"start":"ns/name\u0000"}`.
enum ContinueToken {
    struct Position {
        var revision: Int
        var after: ObjectKey
    }

    static func encode(revision: Int, after key: ObjectKey) -> String {
        let body: JSONValue = ["v": "meta.k8s.io/v1", "rv": .number(Double(revision)), "start": .string(key.path + "\u{0}")]
        return Base64.encode(JSONWriter.bytes(body))
    }

    static func decode(_ token: String) throws -> Position {
        let invalid = APIError.badRequest("continue key is not valid: illegal base64 data at input byte 0")
        guard let bytes = Base64.decode(token), let body = try? JSONReader.parse(bytes),
            body["v"]?.stringValue == "meta.k8s.io/v1", let revision = body["rv"]?.intValue,
            var start = body["start"]?.stringValue
        else { throw invalid }
        if start.hasSuffix("\u{0}") { start.removeLast() }
        let parts = start.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let key = parts.count == 2
            ? ObjectKey(namespace: String(parts[0]), name: String(parts[1]))
            : ObjectKey(namespace: "", name: start)
        return Position(revision: revision, after: key)
    }
}
