import Foundation
import KubeClient
import KubeModel
import Logging

/// Leader election on a `coordination.k8s.io/v1` Lease, so that one coordinator is active
/// and standbys take over within a lease duration when it fails (15 s lease, 10 s renew
/// deadline, 2 s retry: client-go's and kube-controller-manager's defaults).
///
/// The Lease also records the leader's ZeroMQ endpoint (annotation `endpointAnnotation`),
/// which is how workers find the active coordinator and follow a failover.
public actor LeaderElector {
    public static let endpointAnnotation = "vmsvc.vmware.com/coordinator-endpoint"

    public struct Config: Sendable {
        /// `--leader-election-namespace` and `--leader-election-id`.
        public var namespace: String
        public var name: String
        /// Unique per replica (the default adds a random suffix to the host name).
        public var identity = "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.prefix(8))"
        /// The endpoint workers should connect to while this replica leads.
        public var advertisedEndpoint: String
        public var leaseDuration: Duration = .seconds(15)
        public var renewDeadline: Duration = .seconds(10)
        public var retryPeriod: Duration = .seconds(2)

        public init(namespace: String, name: String, advertisedEndpoint: String) {
            self.namespace = namespace
            self.name = name
            self.advertisedEndpoint = advertisedEndpoint
        }
    }

    /// `lead` returned or leadership was lost (renewals failed for the renew deadline).
    public struct LeadershipEnded: Error {}

    public let config: Config
    private let client: KubeClient
    private let logger: Logger
    private var record: LeaseRecord

    public init(client: KubeClient, config: Config, logger: Logger = Logger(label: "vmsvc.leader-election")) {
        self.client = client
        self.config = config
        self.logger = logger
        self.record = LeaseRecord(identity: config.identity, leaseDuration: config.leaseDuration)
    }

    /// Waits until this replica holds the Lease, then runs `lead` while renewing it. Throws
    /// `LeadershipEnded` when renewal fails for `renewDeadline` (`lead` is cancelled, as the
    /// process must stop acting as leader at once) or when `lead` returns.
    public func run(_ lead: @escaping @Sendable () async throws -> Void) async throws {
        while !(try await tryAcquireOrRenew()) {
            try await Task.sleep(for: config.retryPeriod)
        }
        logger.info("became leader", metadata: ["lease": "\(config.namespace)/\(config.name)", "identity": "\(config.identity)"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await lead() }
            group.addTask { try await self.keepRenewing() }
            defer { group.cancelAll() }
            try await group.next()
            throw LeadershipEnded()
        }
    }

    /// Returns when renewals have failed for longer than the renew deadline.
    private func keepRenewing() async throws {
        var lastRenewal = ContinuousClock.now
        while true {
            try await Task.sleep(for: config.retryPeriod)
            if try await tryAcquireOrRenew() {
                lastRenewal = .now
            } else if ContinuousClock.now - lastRenewal > config.renewDeadline {
                logger.error("leadership lost: the lease could not be renewed", metadata: ["identity": "\(config.identity)"])
                return
            }
        }
    }

    /// One attempt; true when this replica holds the Lease afterwards. API failures count as
    /// "not now" (the caller retries), never as an error that ends the election.
    func tryAcquireOrRenew() async throws -> Bool {
        try Task.checkCancellation()
        let now = ContinuousClock.now
        let current: Lease?
        do {
            current = try await client.get(Lease.self, name: config.name, namespace: config.namespace)
        } catch KubeAPIError.notFound {
            current = nil
        } catch {
            logger.warning("cannot read the lease", metadata: ["error": "\(error)"])
            return false
        }
        let action = record.decide(current, now: now)
        do {
            switch action {
            case .wait:
                return false
            case .create:
                _ = try await client.create(lease(from: nil, acquiring: true))
            case .renew:
                _ = try await client.update(lease(from: current, acquiring: false))
            case .acquire:
                _ = try await client.update(lease(from: current, acquiring: true))
                logger.info("taking over the lease", metadata: ["previous": "\(current?.spec?.holderIdentity ?? "")"])
            }
            return true
        } catch {
            // A conflict means another replica wrote first; it wins this round.
            logger.info("lease write failed", metadata: ["action": "\(action)", "error": "\(error)"])
            return false
        }
    }

    private func lease(from current: Lease?, acquiring: Bool) -> Lease {
        let now = MicroTime(microsecondsSince1970: Int64(Date().timeIntervalSince1970 * 1_000_000))
        var lease = current ?? Lease(metadata: ObjectMeta(name: config.name, namespace: config.namespace))
        var spec = lease.spec ?? LeaseSpec()
        if acquiring {
            spec.acquireTime = now
            spec.leaseTransitions = current == nil ? 0 : (spec.leaseTransitions ?? 0) + 1
        }
        spec.holderIdentity = config.identity
        spec.leaseDurationSeconds = Int32(config.leaseDuration.components.seconds)
        spec.renewTime = now
        lease.spec = spec
        lease.metadata.annotations = (lease.metadata.annotations ?? [:]).merging(
            [Self.endpointAnnotation: config.advertisedEndpoint]) { $1 }
        return lease
    }

    /// The endpoint the current leader advertises, for workers; nil when there is no Lease,
    /// no holder, or no endpoint recorded.
    public static func leaderEndpoint(client: KubeClient, namespace: String, name: String) async throws -> String? {
        let lease: Lease
        do {
            lease = try await client.get(Lease.self, name: name, namespace: namespace)
        } catch KubeAPIError.notFound {
            return nil
        }
        guard let holder = lease.spec?.holderIdentity, !holder.isEmpty else { return nil }
        return lease.metadata.annotations?[endpointAnnotation]
    }
}
