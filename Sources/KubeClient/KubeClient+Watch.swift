import KubeModel
import Logging

extension KubeClient {
    /// Watches a collection. The stream yields events and bookmarks in server order, ends
    /// normally when the server closes the watch (its `timeoutSeconds`), and ends with a
    /// `KubeAPIError` on an `ERROR` frame (`.gone` when the resourceVersion is too old), on an
    /// HTTP error, or with `.stalled` when nothing arrives for `options.stallTimeout`.
    /// Malformed frames are logged and dropped. Stopping the iteration cancels the request.
    /// The request starts at once; frames are decoded only as the consumer asks for them, and
    /// the transfer pauses while `Options.watchBufferLimit` bytes wait for the consumer.
    public func watch<R: Codable & Sendable>(
        _ resource: ResourceDescriptor, namespace: String? = nil, options: WatchOptions = WatchOptions(),
        as type: R.Type
    ) -> AsyncThrowingStream<WatchFrame<R>, any Error> {
        let request = APIRequest(method: "GET", path: resource.path(namespace: namespace), query: options.query)
        let pull = WatchPull<R>(client: self, resource: resource, request: request, stallTimeout: options.stallTimeout)
        return AsyncThrowingStream { try await pull.next() }
    }

    public func watch<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: WatchOptions = WatchOptions()
    ) -> AsyncThrowingStream<WatchFrame<T>, any Error> {
        watch(T.resource, namespace: namespace, options: options, as: T.self)
    }
}
