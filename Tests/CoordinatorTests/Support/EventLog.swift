/// Collects what an async source produces and lets a test wait, with a bounded timeout,
/// until something it expects has arrived — instead of sleeping and hoping.
actor EventLog<Event: Sendable> {
    private(set) var events: [Event] = []
    private var waiters: [(id: Int, predicate: @Sendable ([Event]) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0
    private var recording: Task<Void, Never>?

    /// Starts recording everything `stream` yields.
    init<S: AsyncSequence & Sendable>(recording stream: S) where S.Element == Event {
        let task = Task { [weak self] in
            do {
                for try await event in stream { await self?.append(event) }
            } catch {}
        }
        Task { await self.keep(task) }
    }

    private func keep(_ task: Task<Void, Never>) {
        recording = task
    }

    /// Stops recording; cancelling the iteration also stops the source (e.g. a reflector).
    func stop() {
        recording?.cancel()
    }

    func append(_ event: Event) {
        events.append(event)
        let ready = waiters.filter { $0.predicate(events) }
        waiters.removeAll { waiter in ready.contains { $0.id == waiter.id } }
        for waiter in ready { waiter.continuation.resume(returning: true) }
    }

    /// Waits until `predicate` holds for the events so far; false if `timeout` passed first.
    func wait(timeout: Duration = .seconds(10), until predicate: @escaping @Sendable ([Event]) -> Bool) async -> Bool {
        if predicate(events) { return true }
        let id = nextID
        nextID += 1
        Task {
            try? await Task.sleep(for: timeout)
            self.expire(id)
        }
        return await withCheckedContinuation { waiters.append((id, predicate, $0)) }
    }

    private func expire(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }
}
