/// Everything one run measured: one controller (mode, workers) on a freshly seeded kube-sim.
struct RunResult: Codable, Sendable {
    var name: String
    var mode: OperatorMode
    var topology: Topology
    var workers: Int
    /// Milliseconds kube-sim adds to every answer while the operator runs (0: none).
    var apiLatencyMs: Int
    /// Which objects the controller writes for a service: endpoints, endpointslices or
    /// both (vmsvc's `--endpoints-mode`; the reference writes Endpoints only).
    var endpointsMode: String = "both"
    /// vmsvc's `--batch-mode` (the reference has none).
    var batchMode: String?
    var seeding: Seeding?
    var initialSync: InitialSync?
    var churn: MeasuredPhase?
    var findMax: FindMax?
    var finalVerify: FinalVerify?
    /// Peak RSS and total CPU of every process over the whole run.
    var processes: [PhaseUsage] = []
    /// Set when the run could not finish or its final state was wrong.
    var failure: String?

    var passed: Bool { failure == nil && finalVerify?.clean == true }

    struct Seeding: Codable, Sendable {
        var seconds: Double
        var namespaces: Int
        var services: Int
        var vms: Int
        /// Bytes of one VM as JSON with its status, to show the objects are realistic.
        var vmBytes: Int
    }

    struct InitialSync: Codable, Sendable {
        /// From starting the operator to the start of the first clean `verify`.
        var seconds: Double
        var verifyAttempts: Int
        /// The operator's requests up to the clean verify (reads include verify's lists).
        var requests: OperatorRequests?
        var usage: [PhaseUsage]
    }

    struct FindMax: Codable, Sendable {
        var boundMs: Double
        var steps: [MeasuredPhase]
        /// The highest rate whose step kept p99 under the bound with every change observed.
        var maxRateHeld: Double?
    }

    struct FinalVerify: Codable, Sendable {
        var clean: Bool
        var summary: String
        /// From the end of the last phase to the clean verify.
        var seconds: Double
    }
}

/// One churn phase (the main churn, or one step of `--find-max`).
struct MeasuredPhase: Codable, Sendable {
    var churn: ChurnStats
    var latency: LatencySummary
    /// Changes whose Endpoints were not seen within the drain timeout after the phase.
    var unobserved: Int
    var requests: OperatorRequests?
    /// Operator writes per change applied; nil when kube-sim does not count requests.
    var writesPerChange: Double?
    /// Request-body bytes the operator wrote per change applied.
    var bytesPerChange: Double?
    var usage: [PhaseUsage]

    /// Whether this phase held its rate: every change seen, p99 within the bound, and the
    /// generator kept at least 90% of the target rate.
    func held(boundMs: Double) -> Bool {
        unobserved == 0 && churn.failed == 0 && latency.count > 0 && latency.p99Ms <= boundMs
            && churn.achievedRate >= 0.9 * churn.targetRate
    }
}
