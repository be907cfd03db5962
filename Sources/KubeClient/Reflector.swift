import KubeModel
import Logging

/// Keeps a consumer in step with a collection, as client-go's reflector does: list, then
/// watch from the list's resourceVersion with bookmarks; after any disconnect resume from the
/// last version seen; when that version is gone (410) list again and report, as a replace,
/// what changed meanwhile — deletions included. Watches are ended by the server after a
/// random 5–10 minutes so that many clients do not reconnect in step; repeated failures back
/// off exponentially.
public final class Reflector<Object: KubernetesObject>: Sendable {
    public struct Options: Sendable {
        /// nil = all namespaces.
        public var namespace: String?
        public var labelSelector: String?
        public var fieldSelector: String?
        public var pageSize: Int
        /// Start with a streaming list (`sendInitialEvents`) instead of paginated lists;
        /// falls back to lists when the server rejects it.
        public var streamingList: Bool
        public var watchTimeoutSeconds: ClosedRange<Int>
        public var stallTimeout: Duration
        /// Backoff between failed attempts (only its backoff curve is used).
        public var backoff: RetryPolicy
        /// Where to list and watch instead of `Object.resource`: another served version of
        /// the same kind (e.g. a CRD's v1alpha6 where the model defaults to v1alpha3).
        public var resource: ResourceDescriptor?
        /// Called every time the reflector lists or watches again (for a restart counter).
        /// It runs on the reflector's task: it must return quickly.
        public var onRestart: (@Sendable (ReflectorRestart) -> Void)?

        public init(
            namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
            pageSize: Int = 500, streamingList: Bool = false, watchTimeoutSeconds: ClosedRange<Int> = 300...600,
            stallTimeout: Duration = .seconds(120),
            backoff: RetryPolicy = RetryPolicy(initialBackoff: .milliseconds(800), maxBackoff: .seconds(30)),
            resource: ResourceDescriptor? = nil, onRestart: (@Sendable (ReflectorRestart) -> Void)? = nil
        ) {
            self.namespace = namespace
            self.labelSelector = labelSelector
            self.fieldSelector = fieldSelector
            self.pageSize = pageSize
            self.streamingList = streamingList
            self.watchTimeoutSeconds = watchTimeoutSeconds
            self.stallTimeout = stallTimeout
            self.backoff = backoff
            self.resource = resource
            self.onRestart = onRestart
        }
    }

    private let client: KubeClient
    private let options: Options
    private let logger: Logger

    public init(client: KubeClient, options: Options = Options(), logger: Logger? = nil) {
        self.client = client
        self.options = options
        var logger = logger ?? client.logger
        logger[metadataKey: "resource"] = "\(options.resource ?? Object.resource)"
        self.logger = logger
    }

    /// Starts listing and watching; runs until the stream's consumer stops iterating.
    public func events() -> AsyncStream<ReflectorEvent<Object>> {
        let (stream, continuation) = AsyncStream<ReflectorEvent<Object>>.makeStream()
        let task = Task { await run { continuation.yield($0) } }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func run(emit: (ReflectorEvent<Object>) -> Void) async {
        var position = Position()
        var streamingList = options.streamingList
        var failures = 0
        while !Task.isCancelled {
            position.initial = nil
            do {
                if position.resourceVersion == nil {
                    if streamingList {
                        position.initial = ReflectorStore()
                    } else {
                        let list = try await client.listAll(
                            resource, namespace: options.namespace, options: listOptions, as: Object.self)
                        emit(position.listed(list))
                    }
                }
                let started = ContinuousClock.now
                var frames = 0
                let watch = client.watch(
                    resource, namespace: options.namespace, options: watchOptions(position), as: Object.self)
                for try await frame in watch {
                    frames += 1
                    failures = 0
                    if let change = position.handle(frame) { emit(change) }
                }
                // The server closed the watch: resume from the last version. A watch that
                // closes at once and empty is a failure, or this would spin.
                if frames == 0 && ContinuousClock.now - started < .seconds(1) { throw EmptyWatch() }
                options.onRestart?(.watchEnded)
            } catch is CancellationError {
                break
            } catch KubeAPIError.gone(let status) {
                logger.info("resource version expired; relisting", metadata: ["message": "\(status.message ?? "")"])
                position.resourceVersion = nil
                options.onRestart?(.relist)
            } catch let error as KubeAPIError where position.initial != nil && error.rejectsStreamingList {
                logger.info("streaming list not supported; using paginated lists", metadata: ["error": "\(error)"])
                streamingList = false
            } catch {
                guard !Task.isCancelled else { break }
                failures += 1
                let delay = options.backoff.backoff(attempt: failures)
                logger.warning(
                    "list/watch failed; retrying",
                    metadata: ["error": "\(error)", "failures": "\(failures)", "delay": "\(delay)"])
                options.onRestart?(.error)
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Where the reflector stands: what the consumer has been told, and where to resume.
    private struct Position {
        var store = ReflectorStore<Object>()
        /// The version to watch from; nil = list first.
        var resourceVersion: String?
        /// While a streaming list delivers the initial state, it collects here.
        var initial: ReflectorStore<Object>?

        mutating func listed(_ list: ObjectList<Object>) -> ReflectorEvent<Object> {
            resourceVersion = list.metadata.resourceVersion ?? ""
            return store.replace(with: list.items)
        }

        /// The consumer event a watch frame makes, if any.
        mutating func handle(_ frame: WatchFrame<Object>) -> ReflectorEvent<Object>? {
            var change: ReflectorEvent<Object>?
            switch frame {
            case .event(let event):
                if initial != nil {
                    _ = initial?.apply(event)
                } else {
                    change = store.apply(event)
                }
            case .bookmark(_, let initialEventsEnd):
                if initialEventsEnd, let collected = initial {
                    change = store.replace(with: collected.objects.values.sorted { $0.key < $1.key })
                    initial = nil
                }
            case .error, .malformed:
                break
            }
            if initial == nil, let version = frame.resourceVersion { resourceVersion = version }
            return change
        }
    }

    private var resource: ResourceDescriptor { options.resource ?? Object.resource }

    private var listOptions: ListOptions {
        ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.pageSize)
    }

    private func watchOptions(_ position: Position) -> WatchOptions {
        let streamingList = position.initial != nil
        return WatchOptions(
            labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
            resourceVersion: streamingList ? "" : position.resourceVersion, allowWatchBookmarks: true,
            timeoutSeconds: Int.random(in: options.watchTimeoutSeconds), sendInitialEvents: streamingList,
            stallTimeout: options.stallTimeout)
    }

    private struct EmptyWatch: Error, CustomStringConvertible {
        var description: String { "the watch closed at once without events" }
    }
}

extension KubeAPIError {
    /// How a server without the WatchList feature answers `sendInitialEvents=true`.
    fileprivate var rejectsStreamingList: Bool {
        switch self {
        case .badRequest, .invalid, .forbidden, .methodNotAllowed: true
        default: false
        }
    }
}
