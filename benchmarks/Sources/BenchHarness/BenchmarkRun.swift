import Foundation
import KubeClient
import KubeModel
import Logging

/// What one run measures, and with what.
struct RunPlan: Sendable {
    var name: String
    var mode: OperatorMode
    var workers: Int
    var apiLatencyMs: Int
    var rate: Double
    var seconds: Double
    var findMax: FindMaxPlan?
}

/// `--find-max`: rates `start`, `start × factor`, … each for `stepSeconds`, until one misses.
struct FindMaxPlan: Sendable {
    var boundMs: Double
    var stepSeconds: Double
    var factor: Double
    var maxSteps: Int
}

/// The settings every run of a scenario shares.
struct HarnessSettings: Sendable {
    var vmsvc: String
    var crds: String
    var launcher: OperatorLauncher
    var shape: FleetShape
    var mix: ChurnMix
    var seed: UInt64
    var syncDeadlineSeconds: Double
    var runsDirectory: URL
}

/// One run: a fresh kube-sim, the fleet, the operator, initial sync, churn, `--find-max`,
/// final verify; every process stopped at the end, whatever happened.
struct BenchmarkRun {
    let plan: RunPlan
    let settings: HarnessSettings
    let progress: ProgressReporter

    func execute() async -> RunResult {
        var result = RunResult(
            name: plan.name, mode: plan.mode, topology: settings.launcher.topology, workers: plan.workers,
            apiLatencyMs: plan.apiLatencyMs)
        result.endpointsMode = plan.mode == .reference ? "endpoints" : settings.launcher.endpointsMode
        result.batchMode = plan.mode == .reference ? nil : settings.launcher.batchMode
        let directory = settings.runsDirectory.appendingPathComponent(plan.name)
        var children: [ChildProcess] = []
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let sim = try await KubeSimProcess.start(
                vmsvc: settings.vmsvc, crds: settings.crds, historySize: max(10_000, settings.shape.vms * 3),
                runDirectory: directory)
            children.append(sim.child)
            try await measure(into: &result, sim: sim, directory: directory, children: &children)
        } catch {
            result.failure = "\(error)"
            progress.log("\(plan.name): FAILED: \(error)")
        }
        result.processes = ProcessGroup(children, includeHarness: false).usage(since: [:])
        for child in children.reversed() {
            let status = await child.stop()
            if child.name != "kube-sim", status != 0, result.failure == nil {
                result.failure = "\(child.name) exited with status \(status.map(String.init) ?? "killed") on SIGTERM"
            }
        }
        return result
    }

    private func measure(
        into result: inout RunResult, sim: KubeSimProcess, directory: URL, children: inout [ChildProcess]
    ) async throws {
        let config = try ClusterConfig.load(kubeconfig: sim.kubeconfig.path)
        var logger = Logger(label: "vmsvc-bench")
        logger.logLevel = .warning
        let client = KubeClient(
            config: config, options: KubeClient.Options(qps: 0, burst: 0, maxInFlight: 512), logger: logger)
        let fleet = FleetModel(shape: settings.shape)

        // 1. Seed.
        let seedStart = ContinuousClock.now
        try await FleetSeeder(client: client).seed(fleet) { phase, done, total in
            progress.update("\(plan.name) seeding \(phase)", fraction: Double(done) / Double(max(1, total)), "\(done)/\(total)")
        }
        let vmBytes = fleet.vms.first.map {
            JSONWriter.bytes(FleetObjects.virtualMachine($0)).count + JSONWriter.bytes(FleetObjects.status($0)).count
        }
        result.seeding = RunResult.Seeding(
            seconds: (ContinuousClock.now - seedStart).seconds, namespaces: settings.shape.namespaces,
            services: fleet.services.count, vms: fleet.count, vmBytes: vmBytes ?? 0)
        progress.log("\(plan.name): seeded \(fleet.count) VMs, \(fleet.services.count) services in \(format(result.seeding?.seconds))s")

        // 2. Operator, 3. initial sync.
        if plan.apiLatencyMs > 0 { try await sim.admin.setWriteLatency(milliseconds: plan.apiLatencyMs) }
        try await sim.admin.resetRequestCounts()
        children += try await settings.launcher.start(
            mode: plan.mode, workers: plan.workers, kubeconfig: sim.kubeconfig, runDirectory: directory)
        let processes = ProcessGroup(children)
        let syncStart = ContinuousClock.now
        let verifier = Verifier(
            vmsvc: settings.vmsvc, kubeconfig: sim.kubeconfig, runDirectory: directory, endpointsMode: result.endpointsMode)
        var attempts = 0
        let clean = try await verifier.awaitClean(
            deadline: syncStart + .seconds(settings.syncDeadlineSeconds), interval: .seconds(1)
        ) { outcome in
            attempts += 1
            progress.update("\(plan.name) initial sync", "\(Int((ContinuousClock.now - syncStart).seconds))s: \(outcome.summary)")
        }
        guard let (_, cleanAt) = clean else {
            let exited = children.filter { !$0.isRunning }.map { "\($0.name):\n\($0.logTail())" }
            throw HarnessError("no clean verify within \(Int(settings.syncDeadlineSeconds))s of starting the operator. \(exited.joined(separator: "\n"))")
        }
        result.initialSync = RunResult.InitialSync(
            seconds: (cleanAt - syncStart).seconds, verifyAttempts: attempts + 1,
            requests: try await sim.admin.requestCounts()?.operatorSummary, usage: processes.usage(since: [:]))
        progress.log("\(plan.name): initial sync clean after \(format(result.initialSync?.seconds))s, \(result.initialSync?.requests?.writes ?? 0) operator writes")

        // 4. Churn.
        let busy = BusyVMs()
        let tracker = PropagationTracker(onSettled: { busy.release($0) })
        let watch = EndpointsWatch.start(client: client, tracker: tracker, slices: result.endpointsMode == "endpointslices")
        defer { watch.stop() }
        guard await watch.listed.wait(timeout: .seconds(120)) != nil else { throw HarnessError("the Endpoints list did not arrive within 120 s") }
        let generator = ChurnGenerator(
            fleet: fleet, mix: settings.mix, seed: settings.seed, client: client, tracker: tracker, busy: busy)
        let phases = ChurnPhaseRunner(generator: generator, tracker: tracker, admin: sim.admin, processes: processes, progress: progress)
        result.churn = try await phases.run(label: "\(plan.name) churn", rate: plan.rate, seconds: plan.seconds)

        // 5. Find the highest rate held.
        if let findMax = plan.findMax {
            result.findMax = try await phases.findMax(label: "\(plan.name) find-max", start: plan.rate, plan: findMax)
        }

        // 6. Final verify.
        let verifyStart = ContinuousClock.now
        let final = try await verifier.awaitClean(deadline: verifyStart + .seconds(60), interval: .seconds(2)) { _ in }
        if let (outcome, at) = final {
            result.finalVerify = .init(clean: true, summary: outcome.summary, seconds: (at - verifyStart).seconds)
        } else {
            let outcome = try await verifier.verifyOnce(label: "verify-final")
            result.finalVerify = .init(clean: outcome.clean, summary: outcome.summary, seconds: (ContinuousClock.now - verifyStart).seconds)
            if !outcome.clean { result.failure = "final verify: \(outcome.summary)" }
        }
        progress.log("\(plan.name): final verify \(result.finalVerify?.clean == true ? "clean" : "NOT clean"): \(result.finalVerify?.summary ?? "")")
    }
}

func format(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f", $0) } ?? "-" }
