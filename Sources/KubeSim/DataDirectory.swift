import Foundation
import KubeModel
import Logging

/// `vmsvc sim --data-dir DIR`: kube-sim's objects kept in `DIR/state.json` across restarts,
/// so a test can restart the API server under a running operator and watch its reflectors
/// relist. Written at shutdown and, while the server runs, after each batch of writes (at
/// most once per `interval`); each write goes to a temporary file renamed over the old one,
/// so a crash leaves either the previous or the new state, never half of one.
public struct DataDirectory: Sendable {
    public let path: String
    private var file: URL { URL(fileURLWithPath: path).appendingPathComponent("state.json") }

    public init(path: String) {
        self.path = path
    }

    /// Whether there is a saved state to restore.
    public var hasState: Bool { FileManager.default.fileExists(atPath: file.path) }

    /// Replaces `sim`'s state by the saved one (call before `start()`); the number of objects.
    @discardableResult
    public func restore(into sim: KubeSim) throws -> Int {
        let bytes = try [UInt8](Data(contentsOf: file))
        let saved = try PersistedState(json: RequestBody.decode(bytes, contentType: "application/json"))
        let server = sim.server
        let state = saved.restore(configuration: server.configuration, clock: server.clock, followUps: server.followUps)
        server.state.withLock { $0 = state }
        return saved.objects.count
    }

    /// Writes the current state; returns the revision written.
    @discardableResult
    public func save(_ sim: KubeSim) throws -> Int {
        let store = sim.server.state.withLock { $0.store }
        let saved = PersistedState(store)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let temporary = file.appendingPathExtension("tmp")
        try Data(JSONWriter.bytes(saved.json)).write(to: temporary)
        guard rename(temporary.path, file.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return saved.revision
    }

    /// Saves whenever the revision moved, checking every `interval`, until cancelled.
    public func saveContinuously(_ sim: KubeSim, every interval: Duration, logger: Logger) -> Task<Void, Never> {
        Task {
            var saved = sim.server.state.withLock { $0.store.revision }
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let current = sim.server.state.withLock { $0.store.revision }
                guard current != saved else { continue }
                do {
                    saved = try save(sim)
                } catch {
                    logger.error("cannot save state", metadata: ["dataDir": "\(path)", "error": "\(error)"])
                }
            }
        }
    }
}
