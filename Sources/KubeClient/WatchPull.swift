import KubeModel
import Logging

/// A watch read only as fast as its consumer asks: each `next()` decodes the next frame from
/// the response body, taking another chunk from the transfer only when none is left.
///
/// Why: a task that decoded ahead into an unbounded stream kept reading whatever the
/// consumer's pace, so a slow consumer meant unbounded memory. Pulled, the only buffer is
/// the transfer's, and that one pauses at its limit (`StreamBackpressure`).
///
/// `@unchecked Sendable`: `AsyncThrowingStream(unfolding:)` calls `next()` for one consumer,
/// one call at a time, so the mutable state is never touched concurrently.
final class WatchPull<R: Codable & Sendable>: @unchecked Sendable {
    private let client: KubeClient
    private let resource: ResourceDescriptor
    /// Started at once, as a watch always was: changes made after `watch()` returned are seen
    /// even by a watch from "now" whose consumer asks later.
    private let opening: Task<ResponseBodyStream, any Error>
    private var body: ResponseBodyStream.AsyncIterator?
    private var decoder = WatchStreamDecoder<R>()
    private var ready: [WatchFrame<R>] = []
    private var nextReady = 0
    /// An `ERROR` frame ends the watch once the frames before it are delivered.
    private var ending: KubeAPIError?

    init(client: KubeClient, resource: ResourceDescriptor, request: KubeClient.APIRequest, stallTimeout: Duration) {
        self.client = client
        self.resource = resource
        opening = Task {
            try await client.rateLimiter.acquire()
            let http = try await client.httpRequest(request)
            return client.transport.stream(http, stallTimeout: stallTimeout)
        }
    }

    /// A stream dropped before its first `next()` still cancels its request: the body stream
    /// goes with the task, and with it the transfer.
    deinit { opening.cancel() }

    func next() async throws -> WatchFrame<R>? {
        do {
            while nextReady == ready.count {
                if let ending { throw ending }
                guard let chunk = try await nextChunk() else { return nil }
                ready = frames(in: chunk)
                nextReady = 0
            }
            defer { nextReady += 1 }
            return ready[nextReady]
        } catch let failure as HTTPStatusFailure {
            let response = failure.response
            let error = KubeAPIError.from(code: response.status, body: response.body, retryAfter: response.retryAfter)
            if case .unauthorized = error { _ = await client.config.credentials.invalidate() }
            throw error
        }
    }

    private func nextChunk() async throws -> [UInt8]? {
        if body == nil { body = try await opening.value.makeAsyncIterator() }
        return try await body?.next()
    }

    /// The events and bookmarks a chunk completes, up to an `ERROR` frame (kept in `ending`).
    private func frames(in chunk: [UInt8]) -> [WatchFrame<R>] {
        var frames: [WatchFrame<R>] = []
        for frame in decoder.feed(chunk) {
            switch frame {
            case .error(let status):
                ending = KubeAPIError.from(status: status)
                return frames
            case .malformed(let reason):
                client.logger.warning(
                    "dropping malformed watch frame", metadata: ["resource": "\(resource)", "reason": "\(reason)"])
            case .event, .bookmark:
                frames.append(frame)
            }
        }
        return frames
    }
}
