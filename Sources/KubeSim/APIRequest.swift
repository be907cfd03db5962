import KubeModel

/// One HTTP request as the API layer sees it.
struct APIRequest: Sendable {
    var method: String
    /// The path without the query, percent-decoded segment by segment.
    var segments: [String]
    var query: [String: String]
    /// Header names lower-cased.
    var headers: [String: String]
    var body: [UInt8]
    /// Who the connection's verified TLS client certificate names, if it presented one.
    var clientCertificateUser: UserInfo?

    init(method: String, uri: String, headers: [(String, String)], body: [UInt8]) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        segments = parts[0].split(separator: "/").map { Self.percentDecode(String($0), plusIsSpace: false) }
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.percentDecode(String(kv[0]), plusIsSpace: true)
                query[key] = kv.count == 2 ? Self.percentDecode(String(kv[1]), plusIsSpace: true) : ""
            }
        }
        self.query = query
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    var accept: String { headers["accept"] ?? "" }
    var contentType: String {
        (headers["content-type"] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: " ") } ?? ""
    }

    func flag(_ name: String) -> Bool {
        guard let value = query[name] else { return false }
        return value == "true" || value == "1" || value.isEmpty
    }

    static func percentDecode(_ text: String, plusIsSpace: Bool) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return text
        }
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "+"), plusIsSpace {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), bytes.count >= 2,
                let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
            {
                out.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// What the API layer answers: a whole body, or a watch stream to start.
enum APIResponse: Sendable {
    case body(status: Int, contentType: String, bytes: [UInt8], headers: [(String, String)])
    /// `start` registers the watch with the sink (nil when it ended at once); the timeout is
    /// when the server ends it.
    case watch(timeoutSeconds: Int, start: @Sendable (any WatchSink) -> Int?)

    static func json(_ value: JSONValue, status: Int = 200, headers: [(String, String)] = []) -> APIResponse {
        .body(status: status, contentType: "application/json", bytes: JSONWriter.bytes(value), headers: headers)
    }

    /// The HTTP status; watches start with 200.
    var status: Int {
        switch self {
        case .body(let status, _, _, _): status
        case .watch: 200
        }
    }

    static func error(_ error: APIError) -> APIResponse {
        .body(status: error.code, contentType: "application/json", bytes: JSONWriter.bytes(error.json), headers: error.headers)
    }
}
