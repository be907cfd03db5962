import KubeModel

/// The leader-election rules for one candidate, over what it has observed of the Lease
/// (client-go's leaderelection semantics).
///
/// Expiry is judged by the candidate's own clock — the time it last saw the record change —
/// never by comparing `renewTime` with local time, so clock skew between replicas cannot
/// make a standby steal a lease its holder is still renewing.
struct LeaseRecord: Sendable {
    let identity: String
    let leaseDuration: Duration
    private var observed: (holder: String?, renewTime: MicroTime?, resourceVersion: String?)?
    private var observedAt: ContinuousClock.Instant?

    init(identity: String, leaseDuration: Duration) {
        self.identity = identity
        self.leaseDuration = leaseDuration
    }

    enum Action: Equatable {
        /// No Lease exists: create it with us as holder.
        case create
        /// Ours already: write a new renewTime.
        case renew
        /// Expired or released by its holder: take it over.
        case acquire
        /// Someone else holds it and renewed within the lease duration.
        case wait(holder: String)
    }

    /// What to do now, given the Lease as just read (nil: it does not exist).
    mutating func decide(_ lease: Lease?, now: ContinuousClock.Instant) -> Action {
        guard let lease else { return .create }
        let spec = lease.spec
        let record = (spec?.holderIdentity, spec?.renewTime, lease.metadata.resourceVersion)
        if observed.map({ $0 != record }) ?? true {
            observed = record
            observedAt = now
        }
        let holder = spec?.holderIdentity ?? ""
        if holder == identity { return .renew }
        if !holder.isEmpty, let since = observedAt, now - since < leaseDuration { return .wait(holder: holder) }
        return .acquire
    }
}
