import Foundation

/// The Markdown summary printed at the end of a scenario (and pasted into the README).
enum SummaryTable {
    static func render(_ report: ScenarioReport) -> String {
        var lines = [
            "| run | workers | API latency | initial sync | sync writes | changes | achieved rate | p50 | p90 | p99 | max | unseen | writes/change | max rate held (p99 ≤ \(bound(report))) | operator CPU | operator peak RSS | kube-sim CPU | final verify |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for run in report.runs { lines.append(row(run)) }
        if let ratios = report.ratios {
            lines += [
                "", "vmsvc / reference (churn without injected latency; below 1 is better for writes, p99 and CPU, above 1 for rate):", "",
                "| writes per change | p99 latency | max rate held | operator CPU |", "| ---: | ---: | ---: | ---: |",
                "| \(times(ratios.writesPerChange)) | \(times(ratios.p99)) | \(times(ratios.maxRate)) | \(times(ratios.operatorCPU)) |",
            ]
        }
        if let points = report.scaleOut, !points.isEmpty {
            lines += ["", "Scale-out (\(report.parameters.scaleOutLatencyMs ?? 0) ms per API answer):", "",
                      "| workers | max rate held | p99 at the first step | speed-up |", "| ---: | ---: | ---: | ---: |"]
            for point in points {
                lines.append("| \(point.workers) | \(rate(point.maxRateHeld)) | \(msText(point.p99Ms)) | \(times(point.speedUp)) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ run: RunResult) -> String {
        let churn = run.churn
        let operatorUsage = churn?.usage.filter { !["kube-sim", "harness"].contains($0.process) } ?? []
        let peak = run.processes.filter { $0.process != "kube-sim" }.reduce(0) { $0 + $1.peakRSSBytes }
        let simCPU = churn?.usage.first { $0.process == "kube-sim" }?.cpuSeconds
        let cells: [String] = [
            "\(run.mode.rawValue)\(run.failure == nil ? "" : " (FAILED)")", "\(run.workers)", "\(run.apiLatencyMs) ms",
            run.initialSync.map { String(format: "%.1f s", $0.seconds) } ?? "-",
            run.initialSync?.requests.map { "\($0.writes)" } ?? "-",
            churn.map { "\($0.churn.sent - $0.churn.failed)" } ?? "-",
            churn.map { String(format: "%.0f/s", $0.churn.achievedRate) } ?? "-",
            msText(churn?.latency.p50Ms), msText(churn?.latency.p90Ms), msText(churn?.latency.p99Ms),
            msText(churn?.latency.maxMs), churn.map { "\($0.unobserved)" } ?? "-",
            churn?.writesPerChange.map { String(format: "%.2f", $0) } ?? "-",
            rate(run.findMax?.maxRateHeld),
            operatorUsage.isEmpty ? "-" : String(format: "%.1f s", operatorUsage.reduce(0) { $0 + $1.cpuSeconds }),
            peak > 0 ? String(format: "%.0f MiB", Double(peak) / 1_048_576) : "-",
            simCPU.map { String(format: "%.1f s", $0) } ?? "-",
            run.finalVerify.map { $0.clean ? "clean" : "WRONG" } ?? "-",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    private static func bound(_ report: ScenarioReport) -> String {
        report.parameters.findMaxBoundMs.map { msText($0) } ?? "-"
    }

    static func msText(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value >= 1000 ? String(format: "%.2f s", value / 1000) : String(format: "%.0f ms", value)
    }

    private static func rate(_ value: Double?) -> String { value.map { String(format: "%.0f/s", $0) } ?? "-" }
    private static func times(_ value: Double?) -> String { value.map { String(format: "%.2f×", $0) } ?? "-" }
}
