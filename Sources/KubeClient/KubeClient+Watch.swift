import KubeModel
import Logging

extension KubeClient {
    /// Watches a collection. The stream yields events and bookmarks in server order, ends
    /// normally when the server closes the watch (its `timeoutSeconds`), and ends with a
    /// `KubeAPIError` on an `ERROR` frame (`.gone` when the resourceVersion is too old), on an
    /// HTTP error, or with `.stalled` when nothing arrives for `options.stallTimeout`.
    /// Malformed frames are logged and dropped. Stopping the iteration cancels the request.
    public func watch<R: Codable & Sendable>(
        _ resource: ResourceDescriptor, namespace: String? = nil, options: WatchOptions = WatchOptions(),
        as type: R.Type
    ) -> AsyncThrowingStream<WatchFrame<R>, any Error> {
        let (stream, continuation) = AsyncThrowingStream<WatchFrame<R>, any Error>.makeStream()
        let request = APIRequest(method: "GET", path: resource.path(namespace: namespace), query: options.query)
        let task = Task {
            do {
                try await rateLimiter.acquire()
                let http = try await httpRequest(request)
                var decoder = WatchStreamDecoder<R>()
                for try await chunk in transport.stream(http, stallTimeout: options.stallTimeout) {
                    for frame in decoder.feed(chunk) {
                        switch frame {
                        case .error(let status):
                            throw KubeAPIError.from(status: status)
                        case .malformed(let reason):
                            logger.warning(
                                "dropping malformed watch frame",
                                metadata: ["resource": "\(resource)", "reason": "\(reason)"])
                        case .event, .bookmark:
                            continuation.yield(frame)
                        }
                    }
                }
                continuation.finish()
            } catch let failure as HTTPStatusFailure {
                let response = failure.response
                let error = KubeAPIError.from(code: response.status, body: response.body, retryAfter: response.retryAfter)
                if case .unauthorized = error { _ = await config.credentials.invalidate() }
                continuation.finish(throwing: error)
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func watch<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: WatchOptions = WatchOptions()
    ) -> AsyncThrowingStream<WatchFrame<T>, any Error> {
        watch(T.resource, namespace: namespace, options: options, as: T.self)
    }
}
