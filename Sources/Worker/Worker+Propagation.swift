import KubeModel

/// The end of the propagation latency: the first acknowledged write of a pass that carries
/// VM changes (see `PropagationTracker`).
extension Worker {
    func writeAcknowledged(_ kind: String, for key: ServiceKey) {
        metrics.countWrite(kind, succeeded: true)
        guard let micros = propagation.writeAcknowledged(key, now: configuration.wallClock()) else { return }
        histograms.propagationLatency.recordMicroseconds(micros)
    }
}

extension NamespaceChange {
    /// Whether the propagation latency starts at this change.
    var isVMChange: Bool {
        switch self {
        case .vmUpserted, .vmDeleted: true
        default: false
        }
    }
}

extension SyncOutcome {
    var isFailure: Bool {
        if case .failed = self { true } else { false }
    }
}
