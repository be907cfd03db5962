/// Runs churn phases and measures each: latencies from the tracker, the operator's requests
/// from kube-sim's counts, CPU and memory of every process from /proc.
struct ChurnPhaseRunner: Sendable {
    let generator: ChurnGenerator
    let tracker: PropagationTracker
    let admin: KubeSimAdmin
    let processes: ProcessGroup
    let progress: ProgressReporter

    /// How long after the last write the phase waits for the last changes to show.
    static let drainTimeout: Duration = .seconds(30)

    func run(label: String, rate: Double, seconds: Double) async throws -> MeasuredPhase {
        try await admin.resetRequestCounts()
        let start = processes.snapshot()
        _ = await tracker.takeLatencies()
        let stats = await generator.run(rate: rate, seconds: seconds) { [progress, tracker] elapsed, sent in
            let pending = await tracker.pendingCount
            let p99 = await tracker.currentP99Ms
            progress.update(
                label, fraction: elapsed / seconds,
                String(
                    format: "%.0fs, %d changes (%.0f/s of %.0f/s), %d in flight, p99 so far %.0f ms", elapsed, sent,
                    Double(sent) / max(elapsed, 0.001), rate, pending, p99))
        }
        let drained = await tracker.drainSignal()
        if await drained.wait(timeout: Self.drainTimeout) == nil {
            progress.log("\(label): \(await tracker.pendingCount) changes not seen within \(Self.drainTimeout)")
        }
        let unobserved = await tracker.abandonPending()
        let requests = try await admin.requestCounts()?.operatorSummary
        let latency = await tracker.takeLatencies()
        let applied = stats.sent - stats.failed
        let phase = MeasuredPhase(
            churn: stats, latency: latency, unobserved: unobserved, requests: requests,
            writesPerChange: requests.map { applied > 0 ? Double($0.writes) / Double(applied) : 0 },
            bytesPerChange: requests.map { applied > 0 ? Double($0.bytesWritten) / Double(applied) : 0 },
            usage: processes.usage(since: start))
        progress.log(
            "\(label): \(applied) changes at \(String(format: "%.0f", stats.achievedRate))/s (API answered in p50 \(ms(stats.writeLatency?.p50Ms ?? 0))), p50 \(ms(latency.p50Ms)) p99 \(ms(latency.p99Ms)) max \(ms(latency.maxMs)), "
                + "\(unobserved) unseen, \(phase.writesPerChange.map { String(format: "%.2f", $0) } ?? "?") writes/change, \(phase.bytesPerChange.map { String(format: "%.0f", $0) } ?? "?") bytes/change")
        return phase
    }

    func findMax(label: String, start: Double, plan: FindMaxPlan) async throws -> RunResult.FindMax {
        var result = RunResult.FindMax(boundMs: plan.boundMs, steps: [])
        var rate = start
        for _ in 0..<plan.maxSteps {
            let step = try await run(label: "\(label) \(Int(rate))/s", rate: rate, seconds: plan.stepSeconds)
            result.steps.append(step)
            guard step.held(boundMs: plan.boundMs) else { break }
            result.maxRateHeld = rate
            rate *= plan.factor
        }
        return result
    }

    private func ms(_ value: Double) -> String { String(format: "%.0fms", value) }
}
