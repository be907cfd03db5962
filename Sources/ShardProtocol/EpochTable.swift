/// Which namespaces are owned under which epoch, as one side has been told.
///
/// Epochs only grow: the coordinator gives every (re)assignment of a namespace a higher
/// epoch than any before it. So a frame carrying a lower epoch than the highest seen for
/// its namespace comes from an ownership that has ended — a stale Assign replayed late,
/// a Delta still in flight when the namespace moved — and must be dropped, never applied.
/// The highest epoch is remembered after a revoke, so a late Assign cannot resurrect it.
public struct EpochTable: Sendable {
    private var owned: [String: UInt64] = [:]
    private var highestSeen: [String: UInt64] = [:]

    public init() {}

    /// The epoch `namespace` is owned under, or nil when it is not owned.
    public func epoch(of namespace: String) -> UInt64? {
        owned[namespace]
    }

    /// Every owned namespace with its epoch.
    public var ownedNamespaces: [String: UInt64] { owned }

    /// Takes ownership of `namespace` at `epoch` unless that epoch is not newer than one
    /// already seen.
    public mutating func assign(_ namespace: String, epoch: UInt64) -> EpochVerdict {
        if let highest = highestSeen[namespace], epoch <= highest {
            return .stale(latest: highest)
        }
        highestSeen[namespace] = epoch
        owned[namespace] = epoch
        return .current
    }

    /// Gives up `namespace` if it is owned at exactly `epoch`. A revoke for an epoch never
    /// assigned still raises the high-water mark, so the matching Assign, should it
    /// arrive late, is recognised as stale.
    public mutating func revoke(_ namespace: String, epoch: UInt64) -> EpochVerdict {
        let verdict = check(namespace, epoch: epoch)
        switch verdict {
        case .current:
            owned[namespace] = nil
        case .notOwned:
            highestSeen[namespace] = max(highestSeen[namespace] ?? 0, epoch)
        case .stale:
            break
        }
        return verdict
    }

    /// Whether a frame for `namespace` sent under `epoch` belongs to the current ownership.
    public func check(_ namespace: String, epoch: UInt64) -> EpochVerdict {
        if let current = owned[namespace], current == epoch {
            return .current
        }
        if let highest = highestSeen[namespace], epoch < highest {
            return .stale(latest: highest)
        }
        return .notOwned
    }
}

public enum EpochVerdict: Equatable, Sendable {
    /// The frame belongs to the current ownership.
    case current
    /// A newer epoch (`latest`) has been seen for the namespace; drop the frame.
    case stale(latest: UInt64)
    /// The namespace is not owned under this epoch (never assigned, or already revoked).
    case notOwned
}
