import Foundation

/// The JSON document of one invocation: where and from what it ran, with which parameters,
/// and every run's figures. `benchmarks/plot/plot.py` reads it.
struct ScenarioReport: Codable, Sendable {
    var scenario: String
    var startedAt: String
    var durationSeconds: Double
    var command: String
    var machine: MachineInfo
    var source: SourceInfo
    var parameters: Parameters
    var runs: [RunResult]
    /// vmsvc / reference for the churn runs without injected latency, when both ran.
    var ratios: Ratios?
    /// Scale-out runs: max rate held per worker count, relative to the fewest workers.
    var scaleOut: [ScaleOutPoint]?
    var passed: Bool

    struct Parameters: Codable, Sendable {
        var preset: String?
        var fleet: FleetShape
        var mix: String
        var rate: Double
        var seconds: Double
        var seed: UInt64
        var topology: Topology
        var findMaxBoundMs: Double?
        var scaleOutLatencyMs: Int?
    }

    struct Ratios: Codable, Sendable {
        var writesPerChange: Double?
        var p99: Double?
        var maxRate: Double?
        var operatorCPU: Double?
    }

    struct ScaleOutPoint: Codable, Sendable {
        var workers: Int
        var maxRateHeld: Double?
        var p99Ms: Double
        var speedUp: Double?
    }

    /// Writes `<directory>/<scenario>-<timestamp>.json` and returns its path.
    func write(to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("\(scenario)-\(startedAt.replacingOccurrences(of: ":", with: "")).json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url)
        return url
    }
}

extension RunResult {
    /// CPU seconds of the operator's processes (not kube-sim, not the harness) in the churn phase.
    var operatorChurnCPU: Double? {
        churn.map { $0.usage.filter { !["kube-sim", "harness"].contains($0.process) }.reduce(0) { $0 + $1.cpuSeconds } }
    }
}

extension ScenarioReport.Ratios {
    init?(runs: [RunResult]) {
        let baseline = runs.filter { $0.apiLatencyMs == 0 }
        guard let ours = baseline.first(where: { $0.mode == .vmsvc }),
            let theirs = baseline.first(where: { $0.mode == .reference })
        else { return nil }
        func ratio(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b, b > 0 else { return nil }
            return a / b
        }
        writesPerChange = ratio(ours.churn?.writesPerChange, theirs.churn?.writesPerChange)
        p99 = ratio(ours.churn?.latency.p99Ms, theirs.churn?.latency.p99Ms)
        maxRate = ratio(ours.findMax?.maxRateHeld, theirs.findMax?.maxRateHeld)
        operatorCPU = ratio(ours.operatorChurnCPU, theirs.operatorChurnCPU)
    }
}
