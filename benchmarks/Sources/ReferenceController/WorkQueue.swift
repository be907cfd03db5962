/// client-go's work queue, which controller-runtime gives every controller: a key waiting
/// once however often it is added, never handed to two workers at once (a key added while it
/// is being processed waits until `done`), and re-added after a failure with a per-key
/// exponential backoff (5 ms doubling up to 1000 s, the default item rate limiter).
public actor WorkQueue {
    private var pending: [String] = []
    private var head = 0
    private var dirty: Set<String> = []
    private var processing: Set<String> = []
    private var waiters: [CheckedContinuation<String?, Never>] = []
    private var failures: [String: Int] = [:]
    private var shuttingDown = false
    public let baseDelay: Duration
    public let maxDelay: Duration

    public init(baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .seconds(1000)) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Keys waiting to be handed out.
    public var depth: Int { pending.count - head }

    public func add(_ key: String) {
        guard !shuttingDown, !dirty.contains(key) else { return }
        dirty.insert(key)
        guard !processing.contains(key) else { return }
        if waiters.isEmpty {
            pending.append(key)
        } else {
            dirty.remove(key)
            processing.insert(key)
            waiters.removeFirst().resume(returning: key)
        }
    }

    /// The next key; nil once the queue is shut down.
    public func get() async -> String? {
        if let key = takeNext() { return key }
        if shuttingDown { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// The worker finished `key`; if it was added meanwhile, it waits again.
    public func done(_ key: String) {
        processing.remove(key)
        guard dirty.contains(key), !shuttingDown else { return }
        if waiters.isEmpty {
            pending.append(key)
        } else {
            dirty.remove(key)
            processing.insert(key)
            waiters.removeFirst().resume(returning: key)
        }
    }

    /// Adds `key` again after its backoff (which grows with each failure until `forget`).
    public func addRateLimited(_ key: String) {
        let attempt = failures[key, default: 0]
        failures[key] = attempt + 1
        let delay = backoff(attempt: attempt)
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.add(key)
        }
    }

    /// `key` succeeded: its next failure starts the backoff from the beginning.
    public func forget(_ key: String) {
        failures[key] = nil
    }

    /// Hands nil to every waiting worker and to every later `get`.
    public func shutDown() {
        shuttingDown = true
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters = []
    }

    func backoff(attempt: Int) -> Duration {
        let factor = 1 << min(attempt, 40)
        let delay = baseDelay * factor
        return delay < maxDelay ? delay : maxDelay
    }

    private func takeNext() -> String? {
        guard !shuttingDown, head < pending.count else { return nil }
        let key = pending[head]
        head += 1
        if head > 1024, head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        dirty.remove(key)
        processing.insert(key)
        return key
    }
}
