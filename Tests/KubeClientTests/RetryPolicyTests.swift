import KubeModel
import Testing

@testable import KubeClient

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), jitter: 0.5)
    static let status = Status()

    @Test func backoffDoublesFromTheInitialDelayAndIsCapped() {
        #expect(policy.backoff(attempt: 1, random: 0) == .milliseconds(100))
        #expect(policy.backoff(attempt: 2, random: 0) == .milliseconds(200))
        #expect(policy.backoff(attempt: 3, random: 0) == .milliseconds(400))
        #expect(policy.backoff(attempt: 10, random: 0) == .seconds(1))
    }

    @Test func jitterStretchesBackoffByUpToItsFraction() {
        #expect(policy.backoff(attempt: 2, random: 0.999) > .milliseconds(299))
        #expect(policy.backoff(attempt: 2, random: 0.999) <= .milliseconds(300))
        #expect(policy.backoff(attempt: 5, random: 0.999) == .seconds(1))
    }

    @Test func tooManyRequestsHonoursRetryAfter() {
        let error = KubeAPIError.tooManyRequests(Self.status, retryAfter: .seconds(3))
        #expect(policy.delay(after: error, attempt: 1, idempotent: false, random: 0) == .seconds(3))
        let unhinted = KubeAPIError.tooManyRequests(Self.status, retryAfter: nil)
        #expect(policy.delay(after: unhinted, attempt: 1, idempotent: false, random: 0) == .milliseconds(100))
    }

    @Test func serverErrorsAreRetriedButNotNotImplemented() {
        let unavailable = KubeAPIError.server(Status(code: 503), retryAfter: nil)
        #expect(policy.delay(after: unavailable, attempt: 1, idempotent: false, random: 0) != nil)
        let notImplemented = KubeAPIError.server(Status(code: 501), retryAfter: nil)
        #expect(policy.delay(after: notImplemented, attempt: 1, idempotent: true, random: 0) == nil)
    }

    @Test(arguments: [
        KubeAPIError.notFound(status), .alreadyExists(status), .conflict(status), .invalid(status), .badRequest(status),
        .forbidden(status), .unauthorized(status), .gone(status), .undecodable("x"),
    ])
    func semanticErrorsAreNeverRetried(error: KubeAPIError) {
        #expect(policy.delay(after: error, attempt: 1, idempotent: true, random: 0) == nil)
    }

    @Test func transportErrorsAfterSendingAreRetriedOnlyForIdempotentVerbs() {
        let reset = KubeAPIError.transport(code: 56, message: "reset", beforeRequestSent: false)
        #expect(policy.delay(after: reset, attempt: 1, idempotent: true, random: 0) != nil)
        #expect(policy.delay(after: reset, attempt: 1, idempotent: false, random: 0) == nil)
        let refused = KubeAPIError.transport(code: 7, message: "refused", beforeRequestSent: true)
        #expect(policy.delay(after: refused, attempt: 1, idempotent: false, random: 0) != nil)
    }

    @Test func givesUpAfterMaxAttempts() {
        let error = KubeAPIError.server(Status(code: 500), retryAfter: nil)
        #expect(policy.delay(after: error, attempt: 3, idempotent: true, random: 0) != nil)
        #expect(policy.delay(after: error, attempt: 4, idempotent: true, random: 0) == nil)
    }

    @Test func cancellationIsNotRetried() {
        #expect(policy.delay(after: CancellationError(), attempt: 1, idempotent: true, random: 0) == nil)
    }
}
