import KubeModel

/// What a reflector emits, as an async sequence that owns the reflector's task.
///
/// The task is cancelled when the consuming task is cancelled, and also when the sequence
/// and its iterator are gone — a consumer that `break`s out of its `for await` stops the
/// reflector. (A bare `AsyncStream` cannot do the latter: the producing task holds the
/// continuation, which keeps the stream's storage, and so its termination handler, alive.)
public struct ReflectorEvents<Object: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = ReflectorEvent<Object>

    private let stream: AsyncStream<Element>
    fileprivate let owner: TaskOwner

    init(run: @escaping @Sendable (_ emit: @Sendable (Element) -> Void) async -> Void) {
        let (stream, continuation) = AsyncStream<Element>.makeStream()
        let task = Task {
            await run { continuation.yield($0) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        self.stream = stream
        owner = TaskOwner(task)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator(), owner: owner)
    }

    public struct Iterator: AsyncIteratorProtocol {
        private var base: AsyncStream<Element>.Iterator
        fileprivate let owner: TaskOwner

        fileprivate init(base: AsyncStream<Element>.Iterator, owner: TaskOwner) {
            self.base = base
            self.owner = owner
        }

        public mutating func next() async -> Element? {
            await base.next()
        }
    }

    /// Cancels the task when the last sequence or iterator holding it goes away.
    fileprivate final class TaskOwner: Sendable {
        let task: Task<Void, Never>

        init(_ task: Task<Void, Never>) { self.task = task }

        deinit { task.cancel() }
    }
}
