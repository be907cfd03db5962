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
        let bytes = Array(uri.utf8)
        let queryStart = bytes.firstIndex(of: UInt8(ascii: "?"))
        segments = Self.pieces(bytes[..<(queryStart ?? bytes.endIndex)], separatedBy: "/")
            .map { Self.percentDecode($0, plusIsSpace: false) }
        var query: [String: String] = [:]
        if let queryStart {
            for pair in Self.pieces(bytes[(queryStart + 1)...], separatedBy: "&") {
                let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                let value = equals < pair.endIndex ? pair[(equals + 1)...] : []
                query[Self.percentDecode(pair[..<equals], plusIsSpace: true)] = Self.percentDecode(value, plusIsSpace: true)
            }
        }
        self.query = query
        var lowered: [String: String] = [:]
        lowered.reserveCapacity(headers.count)
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    /// The non-empty pieces between separators (`split` over bytes, which the generic
    /// `Collection.split` does several times slower on every request).
    private static func pieces(_ bytes: ArraySlice<UInt8>, separatedBy separator: Unicode.Scalar) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: separator) {
            if index > start { pieces.append(bytes[start..<index]) }
            start = index + 1
        }
        if start < bytes.endIndex { pieces.append(bytes[start...]) }
        return pieces
    }

    var accept: String { headers["accept"] ?? "" }
    /// The media type, without parameters or surrounding spaces.
    var contentType: String {
        guard let value = headers["content-type"] else { return "" }
        // Over UTF-8 bytes: `Character` indexing costs a grapheme-breaking pass per step.
        let bytes = value.utf8
        var start = bytes.startIndex
        var end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        return start == bytes.startIndex && end == bytes.endIndex ? value : String(value[start..<end])
    }

    func flag(_ name: String) -> Bool {
        guard let value = query[name] else { return false }
        return value == "true" || value == "1" || value.isEmpty
    }

    static func percentDecode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        var bytes = bytes
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
