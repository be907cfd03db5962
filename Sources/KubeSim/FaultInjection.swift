import KubeModel

/// Faults kube-sim can inject so that clients' retry, backoff and re-watch paths get
/// exercised: added latency, error answers (500, 503, 429 with Retry-After), conflicts on
/// writes, and watches cut every few seconds. Set by flags and changed at run time through
/// `/admin/faults`.
public struct FaultConfiguration: Sendable, Equatable {
    /// Which requests injected latency delays: reads (GET: get, list and the admin
    /// endpoints) and writes (everything else). A watch's stream is never delayed.
    public enum RequestClass: String, Sendable, CaseIterable {
        case read, write

        init(method: String) {
            self = method == "GET" || method == "HEAD" ? .read : .write
        }
    }

    public var latencyMilliseconds: Int
    /// Each delayed answer waits `latencyMilliseconds` ± up to this, uniformly (never < 0).
    public var latencyJitterMilliseconds: Int
    public var latencyClasses: Set<RequestClass>
    /// Fraction (0...1) of resource requests answered with one of `errorCodes`.
    public var errorRate: Double
    public var errorCodes: [Int]
    public var retryAfterSeconds: Int
    /// Fraction (0...1) of updates and patches answered 409 Conflict.
    public var conflictRate: Double
    /// Every this many seconds all open watches end (0: never).
    public var dropWatchesEverySeconds: Double

    public init(
        latencyMilliseconds: Int = 0, latencyJitterMilliseconds: Int = 0,
        latencyClasses: Set<RequestClass> = Set(RequestClass.allCases), errorRate: Double = 0,
        errorCodes: [Int] = [500, 503, 429], retryAfterSeconds: Int = 1, conflictRate: Double = 0,
        dropWatchesEverySeconds: Double = 0
    ) {
        self.latencyMilliseconds = latencyMilliseconds
        self.latencyJitterMilliseconds = latencyJitterMilliseconds
        self.latencyClasses = latencyClasses
        self.errorRate = errorRate
        self.errorCodes = errorCodes
        self.retryAfterSeconds = retryAfterSeconds
        self.conflictRate = conflictRate
        self.dropWatchesEverySeconds = dropWatchesEverySeconds
    }

    var json: JSONValue {
        [
            "latencyMilliseconds": .number(Double(latencyMilliseconds)),
            "latencyJitterMilliseconds": .number(Double(latencyJitterMilliseconds)),
            "latencyClasses": .array(RequestClass.allCases.filter(latencyClasses.contains).map { .string($0.rawValue) }),
            "errorRate": .number(errorRate),
            "errorCodes": .array(errorCodes.map { .number(Double($0)) }),
            "retryAfterSeconds": .number(Double(retryAfterSeconds)), "conflictRate": .number(conflictRate),
            "dropWatchesEverySeconds": .number(dropWatchesEverySeconds),
        ]
    }

    /// Applies the members present in `patch` (a JSON merge of the fields above).
    func merging(_ patch: JSONValue) -> FaultConfiguration {
        var out = self
        if let v = patch["latencyMilliseconds"]?.intValue { out.latencyMilliseconds = max(0, v) }
        if let v = patch["latencyJitterMilliseconds"]?.intValue { out.latencyJitterMilliseconds = max(0, v) }
        if let v = patch["latencyClasses"]?.arrayValue {
            out.latencyClasses = Set(v.compactMap { $0.stringValue.flatMap(RequestClass.init(rawValue:)) })
        }
        if case .number(let v)? = patch["errorRate"] { out.errorRate = min(1, max(0, v)) }
        if let v = patch["errorCodes"]?.arrayValue?.compactMap(\.intValue), !v.isEmpty { out.errorCodes = v }
        if let v = patch["retryAfterSeconds"]?.intValue { out.retryAfterSeconds = max(0, v) }
        if case .number(let v)? = patch["conflictRate"] { out.conflictRate = min(1, max(0, v)) }
        if case .number(let v)? = patch["dropWatchesEverySeconds"] { out.dropWatchesEverySeconds = max(0, v) }
        return out
    }

    /// Milliseconds to hold back the answer to a request of `method`: zero unless its
    /// class is delayed.
    func delayMilliseconds(forMethod method: String) -> Int {
        guard latencyMilliseconds > 0 || latencyJitterMilliseconds > 0,
            latencyClasses.contains(RequestClass(method: method))
        else { return 0 }
        let jitter = Int.random(in: -latencyJitterMilliseconds...latencyJitterMilliseconds)
        return max(0, latencyMilliseconds + jitter)
    }

    /// An error that tells the client when to come back, in the body and in `Retry-After`.
    private func retryable(_ code: Int, _ reason: String, _ message: String) -> APIError {
        var error = APIError(
            code: code, reason: reason, message: message, details: StatusDetails(retryAfterSeconds: retryAfterSeconds))
        error.headers = [("Retry-After", String(retryAfterSeconds))]
        return error
    }

    /// The injected failure for one resource request, if the dice say so.
    func failure(for request: APIRequest, resource: GroupResource?, name: String?) -> APIError? {
        if conflictRate > 0, ["PUT", "PATCH"].contains(request.method), let resource, let name,
            Double.random(in: 0..<1) < conflictRate
        {
            return .conflict(resource, name, APIError.modifiedMessage)
        }
        guard errorRate > 0, Double.random(in: 0..<1) < errorRate, let code = errorCodes.randomElement() else {
            return nil
        }
        switch code {
        case 429:
            return retryable(429, "TooManyRequests", "Too many requests, please try again later.")
        case 503:
            return retryable(503, "ServiceUnavailable", "the server is currently unable to handle the request")
        case 504:
            return APIError(code: 504, reason: "Timeout", message: "the server was unable to return a response in the time allotted")
        default:
            return APIError(code: code, reason: "InternalError", message: "Internal error occurred: injected fault")
        }
    }
}
