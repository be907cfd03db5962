import Logging
import ShardTransport
import Synchronization
import ZeroMQ

/// The coordinator's side of worker authentication: the ZAP handler plus what it refused.
///
/// A refused worker retries its handshake every reconnect interval, so each (address,
/// reason) is logged only the first time; every refusal is counted. Only the address is
/// logged — the ZAP request carries the public key, never a secret one.
final class ShardAuthentication: Sendable {
    let handler: ZAPHandler
    private let record: Record

    /// Shared with the handler's callback, which runs on the ZAP thread.
    private final class Record: Sendable {
        struct State {
            var counts: [String: Int] = [:]
            var logged: Set<String> = []
        }
        let state = Mutex(State())
    }

    /// Distinct (address, reason) pairs remembered for log de-duplication; beyond this a
    /// flood of peers is still counted but no longer logged.
    static let loggedLimit = 1024

    init(context: ZMQContext, allowed: Set<CurveKey>, logger: Logger) throws(ZMQError) {
        let record = Record()
        self.record = record
        handler = try ZAPHandler(context: context, allowed: allowed) { rejection in
            let firstTime = record.state.withLock { state in
                state.counts[rejection.reason.rawValue, default: 0] += 1
                let key = "\(rejection.reason.rawValue) \(rejection.address)"
                guard state.logged.count < Self.loggedLimit else { return false }
                return state.logged.insert(key).inserted
            }
            guard firstTime else { return }
            logger.warning(
                "shard peer refused",
                metadata: ["address": "\(rejection.address)", "reason": "\(rejection.reason.rawValue)"])
        }
    }

    var rejections: [String: Int] { record.state.withLock { $0.counts } }
}
