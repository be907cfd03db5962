import Foundation

/// `vmsvc verify` as a subprocess: exit 0 means every VirtualMachineService's Service,
/// Endpoints and status are what the controller's core would make of the cluster.
struct Verifier: Sendable {
    var vmsvc: String
    var kubeconfig: URL
    var runDirectory: URL
    /// What the controller under test writes; verify checks exactly that.
    var endpointsMode: String

    struct Outcome: Sendable {
        var clean: Bool
        /// The summary line (`checked N VirtualMachineServices: M discrepancies`) or the error.
        var summary: String
    }

    func verifyOnce(label: String = "verify") async throws -> Outcome {
        let child = try ChildProcess.launch(
            name: label, executable: vmsvc, arguments: ["verify", "--kubeconfig", kubeconfig.path, "--endpoints-mode", endpointsMode],
            logDirectory: runDirectory)
        guard let status = await child.exit.wait(timeout: .seconds(600)) else {
            await child.stop(grace: .seconds(2))
            return Outcome(clean: false, summary: "verify did not finish within 10 minutes")
        }
        let summary = child.logTail(lines: 3).split(separator: "\n").last.map(String.init) ?? ""
        return Outcome(clean: status == 0, summary: summary)
    }

    /// Runs verify until it is clean or the deadline passes; each attempt starts when the
    /// previous one ends, `interval` apart. Returns the clean outcome and when it started.
    func awaitClean(deadline: ContinuousClock.Instant, interval: Duration, progress: (Outcome) -> Void) async throws
        -> (Outcome, ContinuousClock.Instant)?
    {
        while ContinuousClock.now < deadline {
            let started = ContinuousClock.now
            let outcome = try await verifyOnce(label: "verify-sync")
            if outcome.clean { return (outcome, started) }
            progress(outcome)
            try await Task.sleep(until: started + interval)
        }
        return nil
    }
}
