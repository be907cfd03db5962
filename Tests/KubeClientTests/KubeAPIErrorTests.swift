import KubeModel
import Testing

@testable import KubeClient

@Suite struct KubeAPIErrorTests {
    static func body(code: Int, reason: String, message: String = "msg", extra: String = "") -> [UInt8] {
        Array(
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)\#(extra)}"#
                .utf8)
    }

    @Test(arguments: [
        (400, "BadRequest", "badRequest"),
        (401, "Unauthorized", "unauthorized"),
        (403, "Forbidden", "forbidden"),
        (404, "NotFound", "notFound"),
        (405, "MethodNotAllowed", "methodNotAllowed"),
        (409, "AlreadyExists", "alreadyExists"),
        (409, "Conflict", "conflict"),
        (410, "Expired", "gone"),
        (410, "Gone", "gone"),
        (415, "UnsupportedMediaType", "unsupportedMediaType"),
        (422, "Invalid", "invalid"),
        (429, "TooManyRequests", "tooManyRequests"),
        (500, "InternalError", "server"),
        (503, "ServiceUnavailable", "server"),
        (504, "Timeout", "server"),
        (418, "Teapot", "unexpected"),
    ])
    func statusCodesMapToTheirCase(code: Int, reason: String, expected: String) {
        let error = KubeAPIError.from(code: code, body: Self.body(code: code, reason: reason))
        #expect(Self.caseName(error) == expected)
        #expect(error.status?.reason == reason)
        #expect(error.code == code)
    }

    @Test func invalidCarriesItsFieldCauses() {
        let extra = #","details":{"name":"web","kind":"services","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.ports"}]}"#
        let error = KubeAPIError.from(code: 422, body: Self.body(code: 422, reason: "Invalid", extra: extra))
        guard case .invalid = error else {
            Issue.record("expected invalid, got \(error)")
            return
        }
        #expect(error.causes == [StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.ports")])
        #expect(error.description.contains("spec.ports"))
    }

    @Test func tooManyRequestsPrefersTheRetryAfterHeader() {
        let extra = #","details":{"retryAfterSeconds":7}"#
        let fromBody = KubeAPIError.from(code: 429, body: Self.body(code: 429, reason: "TooManyRequests", extra: extra))
        guard case .tooManyRequests(_, let bodyDelay) = fromBody else {
            Issue.record("expected tooManyRequests")
            return
        }
        #expect(bodyDelay == .seconds(7))
        let fromHeader = KubeAPIError.from(
            code: 429, body: Self.body(code: 429, reason: "TooManyRequests", extra: extra), retryAfter: .seconds(2))
        guard case .tooManyRequests(_, let headerDelay) = fromHeader else {
            Issue.record("expected tooManyRequests")
            return
        }
        #expect(headerDelay == .seconds(2))
    }

    @Test func aBodyThatIsNotAStatusBecomesTheMessage() {
        let error = KubeAPIError.from(code: 502, body: Array("<html>bad gateway</html>".utf8))
        guard case .server(let status, _) = error else {
            Issue.record("expected server, got \(error)")
            return
        }
        #expect(status.code == 502)
        #expect(status.message == "<html>bad gateway</html>")
    }

    @Test func watchErrorStatusMapsByItsCode() {
        let error = KubeAPIError.from(status: Status(message: "too old resource version: 1 (5)", reason: "Expired", code: 410))
        #expect(Self.caseName(error) == "gone")
    }

    @Test func retryAfterHeaderIsParsedInSeconds() {
        #expect(HTTPResponse(status: 429, headers: [("retry-after", " 3")]).retryAfter == .seconds(3))
        #expect(HTTPResponse(status: 429, headers: [("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")]).retryAfter == nil)
    }

    static func caseName(_ error: KubeAPIError) -> String {
        String(describing: Mirror(reflecting: error).children.first?.label ?? "\(error)")
    }
}
