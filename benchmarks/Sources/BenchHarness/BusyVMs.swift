import Foundation

/// VMs with a change in flight. The generator marks a VM when it picks it; the tracker frees it
/// when the change has propagated (or failed), so no VM ever has two changes in flight.
final class BusyVMs: @unchecked Sendable {
    // Safe: `keys` is only touched under `lock`.
    private let lock = NSLock()
    private var keys: Set<VMKey> = []

    /// Marks the VM; false if it already was.
    func claim(_ key: VMKey) -> Bool { lock.withLock { keys.insert(key).inserted } }

    func release(_ key: VMKey) { _ = lock.withLock { keys.remove(key) } }
}
