import Foundation
import KubeClient
import KubeModel
import Logging

/// Leader election over a `coordination.k8s.io/v1` Lease, as client-go's leaderelection does
/// it: only one coordinator watches and assigns namespaces at a time, standbys wait.
///
/// Expiry is judged by this process's own clock from the moment it last saw the Lease
/// record change (client-go's `observedTime`), never by comparing another host's
/// `renewTime` with ours, so clock skew between replicas cannot elect two leaders.
struct LeaderElector: Sendable {
    var client: KubeClient
    var namespace: String
    var name: String
    var identity: String
    var leaseDuration: Duration = .seconds(15)
    var renewDeadline: Duration = .seconds(10)
    var retryPeriod: Duration = .seconds(2)
    var logger: Logger

    /// What the elector last saw, to judge expiry by the local clock.
    private struct Observation {
        var spec: LeaseSpec?
        var at: ContinuousClock.Instant
    }

    /// Returns once this process holds the Lease; throws CancellationError if cancelled first.
    func acquire() async throws {
        var observed: Observation?
        logger.info("waiting for the leader Lease", metadata: ["lease": "\(namespace)/\(name)"])
        while true {
            try Task.checkCancellation()
            if try await tryAcquireOrRenew(&observed) {
                logger.info("acquired the leader Lease", metadata: ["lease": "\(namespace)/\(name)"])
                return
            }
            try await Task.sleep(for: retryPeriod)
        }
    }

    /// Renews every `retryPeriod` until cancelled (returns normally) or until renewal has
    /// failed for `renewDeadline` (throws `LeadershipLost`).
    func holdLeadership() async throws {
        var observed: Observation?
        var lastRenewal = ContinuousClock.now
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: retryPeriod)
            } catch {
                return
            }
            if (try? await tryAcquireOrRenew(&observed)) == true {
                lastRenewal = .now
            } else if ContinuousClock.now - lastRenewal > renewDeadline {
                throw LeadershipLost(lease: "\(namespace)/\(name)")
            }
        }
    }

    /// Gives the Lease up so a standby takes over at once instead of after expiry.
    func release() async {
        guard var lease = try? await client.get(Lease.self, name: name, namespace: namespace),
            lease.spec?.holderIdentity == identity
        else { return }
        lease.spec?.holderIdentity = ""
        lease.spec?.leaseDurationSeconds = 1
        lease.spec?.renewTime = Self.now()
        do {
            _ = try await client.update(lease)
            logger.info("released the leader Lease", metadata: ["lease": "\(namespace)/\(name)"])
        } catch {
            logger.warning("could not release the leader Lease", metadata: ["error": "\(error)"])
        }
    }

    private func tryAcquireOrRenew(_ observed: inout Observation?) async throws -> Bool {
        let now = Self.now()
        let lease: Lease
        do {
            lease = try await client.get(Lease.self, name: name, namespace: namespace)
        } catch KubeAPIError.notFound {
            let spec = LeaseSpec(
                holderIdentity: identity, leaseDurationSeconds: seconds(leaseDuration), acquireTime: now,
                renewTime: now, leaseTransitions: 0)
            do {
                _ = try await client.create(Lease(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec))
                observed = Observation(spec: spec, at: .now)
                return true
            } catch KubeAPIError.alreadyExists {
                return false
            }
        }
        if observed?.spec != lease.spec { observed = Observation(spec: lease.spec, at: .now) }
        let holder = lease.spec?.holderIdentity ?? ""
        let duration = Duration.seconds(Int(lease.spec?.leaseDurationSeconds ?? 0))
        if !holder.isEmpty, holder != identity, let seen = observed, ContinuousClock.now - seen.at < duration {
            return false
        }
        var updated = lease
        var spec = lease.spec ?? LeaseSpec()
        if holder != identity {
            spec.acquireTime = now
            spec.leaseTransitions = (spec.leaseTransitions ?? 0) + (holder.isEmpty ? 0 : 1)
        }
        spec.holderIdentity = identity
        spec.leaseDurationSeconds = seconds(leaseDuration)
        spec.renewTime = now
        updated.spec = spec
        do {
            // The resourceVersion makes this a compare-and-swap: two candidates never both win.
            let stored = try await client.update(updated)
            observed = Observation(spec: stored.spec, at: .now)
            return true
        } catch KubeAPIError.conflict {
            return false
        }
    }

    private func seconds(_ duration: Duration) -> Int32 { Int32(duration.components.seconds) }

    private static func now() -> MicroTime {
        MicroTime(microsecondsSince1970: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}

struct LeadershipLost: Error, CustomStringConvertible {
    var lease: String
    var description: String { "lost the leader Lease \(lease): could not renew it in time" }
}
