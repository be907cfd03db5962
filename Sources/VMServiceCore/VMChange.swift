/// What a VirtualMachine create, update or delete means for the VirtualMachineServices of its
/// namespace (spec §2.2): whether it can change any service's endpoints at all, and which
/// label sets — the old ones, the new ones or both — name the services to reconcile.
///
/// It works on projections, so everything §2.2 ignores (resource version, annotations, power
/// state, other conditions, the Ready condition's reason and message) is already gone.
public enum VMChange: Sendable, Hashable {
    /// No field that decides endpoints differs: reconcile nothing.
    case irrelevant
    /// The VM appeared.
    case created
    /// The VM disappeared; the last known labels name the services.
    case deleted
    /// The name now belongs to another object (the UID differs). An update never changes a
    /// UID, so this is a delete and a create that the watch merged — for example across a
    /// relist — and both label sets matter, as do the endpoints' target references.
    case replaced
    /// §2.2 rule 1: the label map differs.
    case labels
    /// §2.2 rule 2: the VM started (or stopped) being deleted.
    case deletion
    /// §2.2 rule 3: the primary IPv4 or IPv6 address differs (absent equals empty).
    case addresses
    /// §2.2 rule 4: the readiness probe appeared or disappeared (spec §1.3 definition).
    case readinessProbe
    /// §2.2 rule 5: the status of the `Ready` condition differs, absent being a value of its own.
    case readyCondition

    /// Which label sets of a change name the services to reconcile.
    public struct LabelSets: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The labels the VM had before the change.
        public static let old = LabelSets(rawValue: 1)
        /// The labels the VM has after the change.
        public static let new = LabelSets(rawValue: 2)
    }

    /// Classifies the step from `old` to `new`; nil stands for "does not exist". The checks run
    /// in the order of §2.2, and the first difference found decides.
    public static func classify(old: VMProjection?, new: VMProjection?) -> VMChange {
        switch (old, new) {
        case (nil, nil): return .irrelevant
        case (nil, .some): return .created
        case (.some, nil): return .deleted
        case let (.some(old), .some(new)): return classifyUpdate(old: old, new: new)
        }
    }

    private static func classifyUpdate(old: VMProjection, new: VMProjection) -> VMChange {
        if old.uid != new.uid { return .replaced }
        if old.labels != new.labels { return .labels }
        if old.isBeingDeleted != new.isBeingDeleted { return .deletion }
        if old.primaryIP4 != new.primaryIP4 || old.primaryIP6 != new.primaryIP6 { return .addresses }
        if old.hasReadinessProbe != new.hasReadinessProbe { return .readinessProbe }
        if old.readyStatus != new.readyStatus { return .readyCondition }
        return .irrelevant
    }

    /// The label sets whose selecting services must be reconciled: none for an irrelevant
    /// update, both when the labels (or the whole object) changed, otherwise the one that exists
    /// — the new labels for rules 2–5, whose old and new labels are equal anyway.
    public var labelSetsToLookUp: LabelSets {
        switch self {
        case .irrelevant: []
        case .created: .new
        case .deleted: .old
        case .replaced, .labels: [.old, .new]
        case .deletion, .addresses, .readinessProbe, .readyCondition: .new
        }
    }
}
