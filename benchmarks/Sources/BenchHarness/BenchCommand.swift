import ArgumentParser
import Foundation

/// `vmsvc-bench`: one benchmark scenario end to end. See benchmarks/README.md, "Harness".
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmsvc-bench",
        abstract: "Measure vmsvc (or the reference algorithm) against kube-sim: initial sync, propagation latency under churn, writes per change, CPU and memory, the highest rate held, scale-out.",
        discussion: """
            Each run starts kube-sim (`vmsvc sim`), seeds the fleet through the API, starts the operator as \
            separate processes, waits for a clean `vmsvc verify`, applies churn while watching Endpoints, \
            optionally ramps the rate (--find-max), and ends with `vmsvc verify`. Several --mode values make \
            one run each; several --workers values make a scale-out sweep (vmsvc only, with --scale-out-latency \
            per API answer and --find-max). Writes benchmarks/results/<scenario>-<timestamp>.json and prints a \
            Markdown table; --plot PYTHON draws the PNGs with benchmarks/plot/plot.py.
            """
    )

    @Option(help: "Fleet size: small (1k VMs / 100 services / 10 namespaces), medium (20k / 2k / 200), large (100k / 10k / 1,000).")
    var preset: Preset = .small

    @Option(help: "Namespaces (overrides the preset).") var namespaces: Int?
    @Option(help: "VMs (overrides the preset).") var vms: Int?
    @Option(help: "VirtualMachineServices (overrides the preset).") var services: Int?

    @Option(help: "Controllers to measure, comma-separated: vmsvc, reference.")
    var mode = "vmsvc"

    @Option(help: "Worker counts, comma-separated; more than one makes a scale-out sweep.")
    var workers = "2"

    @Option(help: "vmsvc layout: split (coordinator + worker processes) or single (`vmsvc run`).")
    var topology: Topology = .split

    @Option(help: "Churn changes per second (default: the preset's).") var rate: Double?
    @Option(help: "Seconds of churn (default: the preset's).") var duration: Double?

    @Option(help: "Churn mix in percent: readiness flips, IP changes, label moves, create/delete.")
    var mix: ChurnMix = .standard

    @Flag(help: "After the churn, ramp the rate until p99 exceeds --p99-bound.")
    var findMax = false

    @Option(help: "Milliseconds: the p99 a rate must keep to count as held.") var p99Bound: Double = 1000
    @Option(help: "Seconds per --find-max step.") var stepDuration: Double = 5
    @Option(help: "Rate multiplier between --find-max steps.") var rampFactor: Double = 2
    @Option(help: "At most this many --find-max steps.") var maxSteps = 10

    @Option(help: "Milliseconds kube-sim adds to every write's answer during single-worker-count runs.")
    var apiLatency = 0

    @Option(help: "Milliseconds kube-sim adds to every write's answer during a scale-out sweep.")
    var scaleOutLatency = 10

    @Option(help: "vmsvc workers' --max-inflight (default: vmsvc's own).") var maxInflight: Int?
    @Option(help: "vmsvc's --endpoints-mode: endpoints, endpointslices or both (the reference writes Endpoints only).")
    var endpointsMode: String = "both"

    @Option(help: "vmsvc's --batch-mode: window (every change waits for its service's batch window) or pace (an idle service is synced at once).")
    var batchMode: String = "window"
    @Option(help: "The operator's --log-level.") var logLevel = "info"
    @Option(help: "Seed of the churn's random choices.") var seed: UInt64 = 1
    @Option(help: "Seconds the operator may take to reach a clean verify (default: the preset's).")
    var syncDeadline: Double?

    @Option(help: "The repository root (default: the current directory, or its parent from benchmarks/).")
    var repository: String?
    @Option(help: "vmsvc executable (default: <repository>/.build/release/vmsvc).") var vmsvc: String?
    @Option(help: "vmsvc-reference executable (default: <repository>/benchmarks/.build/release/vmsvc-reference).")
    var reference: String?
    @Option(help: "Where the JSON goes (default: <repository>/benchmarks/results).") var results: String?
    @Option(help: "Scenario name in the file name (default: the preset, with -scaleout for a sweep).")
    var scenario: String?
    @Option(help: "A Python with matplotlib: draw the plots with benchmarks/plot/plot.py.") var plot: String?

    func validate() throws {
        guard !modes.isEmpty else { throw ValidationError("--mode: vmsvc and/or reference, comma-separated") }
        guard !workerCounts.isEmpty, workerCounts.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--workers: positive integers, comma-separated")
        }
        guard shape.namespaces >= 1, shape.vms >= shape.namespaces, shape.services >= shape.namespaces else {
            throw ValidationError("at least one VM and one service per namespace")
        }
    }

    var modes: [OperatorMode] { mode.split(separator: ",").compactMap { OperatorMode(rawValue: $0.trimmingCharacters(in: .whitespaces)) } }
    var workerCounts: [Int] { workers.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    var isSweep: Bool { workerCounts.count > 1 }

    var shape: FleetShape {
        let base = preset.shape
        return FleetShape(namespaces: namespaces ?? base.namespaces, vms: vms ?? base.vms, services: services ?? base.services)
    }

    func run() async throws {
        InterruptCleanup.install()
        let root = URL(fileURLWithPath: repository ?? Self.defaultRepository())
        let startedAt = Date()
        let progress = ProgressReporter()
        let runsDirectory = root.appendingPathComponent("benchmarks/.runs/\(Self.timestamp(startedAt))")
        let settings = HarnessSettings(
            vmsvc: vmsvc ?? root.appendingPathComponent(".build/release/vmsvc").path,
            crds: root.appendingPathComponent("deploy/crds").path,
            launcher: OperatorLauncher(
                vmsvc: vmsvc ?? root.appendingPathComponent(".build/release/vmsvc").path,
                reference: reference ?? root.appendingPathComponent("benchmarks/.build/release/vmsvc-reference").path,
                topology: topology, maxInflight: maxInflight, logLevel: logLevel,
                endpointsMode: endpointsMode, batchMode: batchMode),
            shape: shape, mix: mix, seed: seed, syncDeadlineSeconds: syncDeadline ?? preset.syncDeadlineSeconds,
            runsDirectory: runsDirectory)
        guard FileManager.default.isExecutableFile(atPath: settings.vmsvc) else {
            throw HarnessError("no vmsvc at \(settings.vmsvc): build it with `swift build -c release --product vmsvc`")
        }
        progress.log("logs of every process: \(runsDirectory.path)")

        var runs: [RunResult] = []
        for plan in plans() {
            progress.log("run \(plan.name): \(plan.mode.rawValue), \(plan.workers) workers, \(plan.apiLatencyMs) ms API latency, \(shape.vms) VMs / \(shape.services) services / \(shape.namespaces) namespaces")
            runs.append(await BenchmarkRun(plan: plan, settings: settings, progress: progress).execute())
        }

        let report = ScenarioReport(
            scenario: scenario ?? (preset.rawValue + (isSweep ? "-scaleout" : "")),
            startedAt: Self.timestamp(startedAt), durationSeconds: Date().timeIntervalSince(startedAt),
            command: CommandLine.arguments.joined(separator: " "), machine: MachineInfo.current(),
            source: await SourceInfo.current(repository: root.path),
            parameters: .init(
                preset: preset.rawValue, fleet: shape, mix: mix.description, rate: churnRate, seconds: churnSeconds,
                seed: seed, topology: topology, findMaxBoundMs: findMax || isSweep ? p99Bound : nil,
                scaleOutLatencyMs: isSweep ? scaleOutLatency : nil),
            runs: runs, ratios: ScenarioReport.Ratios(runs: runs), scaleOut: isSweep ? Self.scaleOut(runs) : nil,
            passed: runs.allSatisfy(\.passed))
        let file = try report.write(to: results.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("benchmarks/results"))
        print(SummaryTable.render(report))
        progress.log("results: \(file.path)")
        if let plot { try await Self.plot(python: plot, script: root.appendingPathComponent("benchmarks/plot/plot.py"), report: file, progress: progress) }
        if !report.passed { throw ExitCode(1) }
    }

    private var churnRate: Double { rate ?? preset.defaultRate }
    private var churnSeconds: Double { duration ?? preset.defaultDuration }

    private func plans() -> [RunPlan] {
        let ramp = FindMaxPlan(boundMs: p99Bound, stepSeconds: stepDuration, factor: rampFactor, maxSteps: maxSteps)
        if isSweep {
            return workerCounts.map {
                RunPlan(name: "vmsvc-w\($0)-lat\(scaleOutLatency)", mode: .vmsvc, workers: $0, apiLatencyMs: scaleOutLatency,
                        rate: churnRate, seconds: churnSeconds, findMax: ramp)
            }
        }
        return modes.map {
            RunPlan(name: "\($0.rawValue)\($0 == .vmsvc ? "-w\(workerCounts[0])" : "")", mode: $0, workers: workerCounts[0],
                    apiLatencyMs: apiLatency, rate: churnRate, seconds: churnSeconds, findMax: findMax ? ramp : nil)
        }
    }

    private static func scaleOut(_ runs: [RunResult]) -> [ScenarioReport.ScaleOutPoint] {
        let sorted = runs.sorted { $0.workers < $1.workers }
        let base = sorted.first?.findMax?.maxRateHeld
        return sorted.map { run in
            let held = run.findMax?.maxRateHeld
            return .init(
                workers: run.workers, maxRateHeld: held, p99Ms: run.churn?.latency.p99Ms ?? 0,
                speedUp: held.flatMap { held in base.map { held / $0 } })
        }
    }

    private static func plot(python: String, script: URL, report: URL, progress: ProgressReporter) async throws {
        let child = try ChildProcess.launch(
            name: "plot", executable: python, arguments: [script.path, report.path],
            logDirectory: FileManager.default.temporaryDirectory)
        let status = await child.exit.wait()
        progress.log("plot.py: \(child.logTail(lines: 10))")
        if status != 0 { throw HarnessError("plot.py failed (status \(status.map(String.init) ?? "?"))") }
    }

    private static func defaultRepository() -> String {
        let here = FileManager.default.currentDirectoryPath
        return FileManager.default.fileExists(atPath: here + "/deploy/crds") ? here : (here as NSString).deletingLastPathComponent
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
