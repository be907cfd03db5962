import ShardProtocol

/// Who is alive and who owns which namespace, and the rules for changing that (DESIGN
/// principle 4). Pure: the coordinator feeds it what it hears and the time, and carries out
/// the commands it returns.
///
/// * A worker is alive from its Hello until `liveness` heartbeat intervals pass without
///   any frame from it. Only then do its namespaces move — never earlier, so a slow worker
///   is not raced by its successor.
/// * The owner of a namespace is the rendezvous winner among the live workers, so a joining
///   or leaving worker moves only its own share. A worker whose Hello set `max_namespaces`
///   and owns that many is passed over: the namespace goes to the next worker in its
///   rendezvous ranking (`RendezvousHashing.ranking`) with room. A namespace no live worker
///   has room for stays unowned and is reported (`Command.overCapacity`).
/// * A namespace moves in steps: Revoke to the old owner, which acknowledges once it has
///   stopped writing (or dies); then a new epoch, Assign and Snapshot to the new owner.
/// * Within an epoch every Snapshot chunk and Delta gets the next sequence number. What is
///   sent and not yet acknowledged counts against the worker's credit (`maxInFlight`).
public struct ShardMap: Sendable {
    public struct Worker: Sendable, Hashable {
        public var lastHeard: ContinuousClock.Instant
        /// Unacknowledged frames the worker accepts at once.
        public var maxInFlight: Int
        /// Frames sent to it and not yet acknowledged, over all its namespaces.
        public var inFlight = 0
        /// Namespaces it accepts at most (revoking ones included); 0: no limit.
        public var maxNamespaces = 0
    }

    public struct Ownership: Sendable, Hashable {
        public var worker: String
        public var epoch: UInt64
        /// True from the Revoke until the RevokeAck (or the owner's death).
        public var revoking = false
        /// Sequence of the last frame sent, and of the last one acknowledged.
        public var lastSent: UInt64 = 0
        public var lastAcked: UInt64 = 0
    }

    /// What the coordinator must send.
    public enum Command: Sendable, Hashable {
        /// Revoke `namespace` (owned at `epoch`) from `worker`.
        case revoke(namespace: String, epoch: UInt64, worker: String)
        /// Assign `namespace` to `worker` at `epoch`, then send its snapshot.
        case assign(namespace: String, epoch: UInt64, worker: String)
        /// `namespace` needs an owner but every live worker is at its capacity.
        case overCapacity(namespace: String)
    }

    public let heartbeatInterval: Duration
    public let liveness: Int
    public private(set) var workers: [String: Worker] = [:]
    public private(set) var owners: [String: Ownership] = [:]
    private var nextEpoch: UInt64

    /// `firstEpoch` must exceed every epoch an earlier coordinator handed out (the
    /// coordinator derives it from the wall clock), so workers never see an epoch go back.
    public init(heartbeatInterval: Duration, liveness: Int, firstEpoch: UInt64) {
        self.heartbeatInterval = heartbeatInterval
        self.liveness = max(1, liveness)
        self.nextEpoch = max(1, firstEpoch)
    }

    public var liveWorkers: [String] { workers.keys.sorted() }

    // MARK: Workers

    /// A Hello. A worker that was already known has restarted or reconnected with an empty
    /// state: it loses what it owned and gets it back under new epochs at the next rebalance.
    public mutating func hello(
        from worker: String, maxInFlight: Int, maxNamespaces: Int = 0, now: ContinuousClock.Instant
    ) {
        if workers[worker] != nil { forgetOwnerships(of: worker) }
        workers[worker] = Worker(lastHeard: now, maxInFlight: max(1, maxInFlight), maxNamespaces: max(0, maxNamespaces))
    }

    /// Any frame from a known worker proves it alive; false for a worker never greeted.
    /// Times may arrive out of order (receipt times from the socket thread, handling times
    /// from the coordinator): the latest counts.
    @discardableResult
    public mutating func heard(from worker: String, now: ContinuousClock.Instant) -> Bool {
        guard let known = workers[worker] else { return false }
        workers[worker]?.lastHeard = max(known.lastHeard, now)
        return true
    }

    /// Removes the workers whose heartbeats lapsed and releases their namespaces.
    public mutating func expire(now: ContinuousClock.Instant) -> [String] {
        let deadline = heartbeatInterval * liveness
        let dead = workers.filter { now - $0.value.lastHeard > deadline }.keys.sorted()
        for worker in dead {
            workers[worker] = nil
            forgetOwnerships(of: worker)
        }
        return dead
    }

    private mutating func forgetOwnerships(of worker: String) {
        owners = owners.filter { $0.value.worker != worker }
    }

    // MARK: Ownership

    /// Brings the owners of `namespaces` in line with the live workers: assigns unowned
    /// ones and starts revoking those whose owner is no longer the rendezvous winner.
    public mutating func rebalance(_ namespaces: some Sequence<String>) -> [Command] {
        let live = liveWorkers
        var commands: [Command] = []
        var loads = NamespaceLoads(self)
        for namespace in namespaces.sorted() {
            let current = owners[namespace]?.worker
            guard
                let winner = RendezvousHashing.ranking(of: namespace, among: live).first(where: {
                    $0 == current || loads.hasRoom($0)
                })
            else {
                if current == nil && !live.isEmpty { commands.append(.overCapacity(namespace: namespace)) }
                continue
            }
            switch owners[namespace] {
            case nil:
                let epoch = nextEpoch
                nextEpoch += 1
                owners[namespace] = Ownership(worker: winner, epoch: epoch)
                loads.add(winner)
                commands.append(.assign(namespace: namespace, epoch: epoch, worker: winner))
            case let ownership? where ownership.worker != winner && !ownership.revoking:
                owners[namespace]?.revoking = true
                // Room kept for it, so this pass does not send the winner more than it takes.
                loads.add(winner)
                commands.append(.revoke(namespace: namespace, epoch: ownership.epoch, worker: ownership.worker))
            default:
                break
            }
        }
        return commands
    }

    /// Starts revoking `namespaces` without a successor: they left the operator's scope.
    /// After the RevokeAck they stay unowned unless passed to `rebalance` again.
    public mutating func release(_ namespaces: some Sequence<String>) -> [Command] {
        var commands: [Command] = []
        for namespace in namespaces.sorted() {
            guard let ownership = owners[namespace], !ownership.revoking else { continue }
            owners[namespace]?.revoking = true
            commands.append(.revoke(namespace: namespace, epoch: ownership.epoch, worker: ownership.worker))
        }
        return commands
    }

    /// Whether a namespace-scoped frame from `worker` belongs to the current ownership.
    public func isCurrent(_ namespace: String, epoch: UInt64, from worker: String) -> Bool {
        guard let ownership = owners[namespace] else { return false }
        return ownership.worker == worker && ownership.epoch == epoch
    }

    /// A RevokeAck: the namespace is free. False when it does not match a pending revoke.
    public mutating func revokeAcknowledged(_ namespace: String, epoch: UInt64, from worker: String) -> Bool {
        guard isCurrent(namespace, epoch: epoch, from: worker), owners[namespace]?.revoking == true else { return false }
        forgiveInFlight(namespace)
        owners[namespace] = nil
        return true
    }

    /// Reserves `count` sequence numbers for frames about to go out; returns the first.
    public mutating func reserveSequences(_ namespace: String, count: Int) -> UInt64? {
        guard let ownership = owners[namespace] else { return nil }
        owners[namespace]?.lastSent = ownership.lastSent + UInt64(count)
        workers[ownership.worker]?.inFlight += count
        return ownership.lastSent + 1
    }

    /// A cumulative Ack. False when it does not match the current ownership.
    public mutating func acknowledged(_ namespace: String, epoch: UInt64, sequence: UInt64, from worker: String) -> Bool {
        guard isCurrent(namespace, epoch: epoch, from: worker), let ownership = owners[namespace] else { return false }
        let acked = min(ownership.lastSent, max(ownership.lastAcked, sequence))
        owners[namespace]?.lastAcked = acked
        workers[worker]?.inFlight -= Int(acked - ownership.lastAcked)
        return true
    }

    /// Frames lost before a resync will never be acknowledged: stop counting them.
    public mutating func forgiveInFlight(_ namespace: String) {
        guard let ownership = owners[namespace] else { return }
        owners[namespace]?.lastAcked = ownership.lastSent
        workers[ownership.worker]?.inFlight -= Int(ownership.lastSent - ownership.lastAcked)
    }

    /// Frames `worker` may still be sent before it acknowledges some.
    public func credit(of worker: String) -> Int {
        guard let record = workers[worker] else { return 0 }
        return record.maxInFlight - record.inFlight
    }
}
