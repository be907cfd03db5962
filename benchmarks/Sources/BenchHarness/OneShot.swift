import Foundation

/// A value that arrives once (a process's exit status, a line it prints), awaited by any
/// number of tasks. Waiting is cancellable, so a wait can be raced against a deadline.
final class OneShot<Value: Sendable>: @unchecked Sendable {
    // Safe: `value` and `waiters` are only touched under `lock`.
    private let lock = NSLock()
    private var value: Value?
    private var waiters: [UUID: CheckedContinuation<Value?, Never>] = [:]

    /// Sets the value (only the first call counts) and wakes every waiter.
    func fulfil(_ newValue: Value) {
        let woken = lock.withLock { () -> [CheckedContinuation<Value?, Never>] in
            guard value == nil else { return [] }
            value = newValue
            defer { waiters = [:] }
            return Array(waiters.values)
        }
        for waiter in woken { waiter.resume(returning: newValue) }
    }

    var current: Value? { lock.withLock { value } }

    /// The value, or nil if the waiting task is cancelled first.
    func wait() async -> Value? {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let ready = lock.withLock { () -> Value?? in
                    if let value { return .some(value) }
                    if Task.isCancelled { return .some(nil) }
                    waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = lock.withLock { waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }

    /// The value, or nil if it has not arrived within `timeout`.
    func wait(timeout: Duration) async -> Value? {
        await withTaskGroup(of: Value?.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
