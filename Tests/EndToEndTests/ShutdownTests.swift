import Foundation
import KubeClient
import KubeModel
import Testing

/// SIGTERM as Kubernetes sends it on every rollout and node drain: each process must stop
/// taking work, write what it holds, give the Lease up and exit 0 within --shutdown-timeout.
@Suite(.serialized) struct ShutdownTests {
    static let timeout: Duration = .seconds(10)
    static let timeoutFlag = ["--shutdown-timeout", "10s"]
    static let common = [
        "--log-format", "json", "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "0",
    ]

    @Test func workerWritesItsPendingBatchAndCoordinatorReleasesTheLease() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let sim = try await SimProcess.start(in: scratch.url)
        let election = ["--leader-elect", "--leader-election-namespace", "default", "--leader-election-id", "shutdown"]
        let coordinator = try ChildProcess(
            "coordinator",
            arguments: [
                "coordinator", "--listen", "tcp://127.0.0.1:*", "--insecure-shard-channel", "--kubeconfig", sim.kubeconfig,
            ] + election
                + Self.common + Self.timeoutFlag)
        var worker: ChildProcess?
        do {
            let endpoint = try #require(
                await coordinator.logField("endpoint", inLineContaining: "coordinator listening"), "\(coordinator.output)")
            // A batch window far longer than the test: only the drain can write the Service.
            let started = try ChildProcess(
                "worker",
                arguments: [
                    "worker", "--coordinator", endpoint, "--insecure-shard-channel", "--worker-id", "w0", "--batch-period",
                    "1h", "--kubeconfig", sim.kubeconfig,
                ] + Self.common + Self.timeoutFlag)
            worker = started
            let fleet = LargeFleet(namespaces: 1, vmsPerNamespace: 3, apps: 1)
            try await FleetWriter(client: sim.client).create(fleet)
            try await awaitWindowed(started)
            await #expect(throws: KubeAPIError.self, "nothing is written before the window closes") {
                _ = try await sim.client.get(Service.self, name: fleet.app(0), namespace: fleet.namespace(0))
            }

            let (workerStatus, workerTook) = await started.terminateTimed()
            #expect(workerStatus == 0, "\(started.output)")
            #expect(try #require(workerTook, "\(started.output)") < Self.timeout)
            let service = try await sim.client.get(Service.self, name: fleet.app(0), namespace: fleet.namespace(0))
            #expect(service.metadata.name == fleet.app(0), "the drain wrote the pending batch")
            _ = try await sim.client.get(Endpoints.self, name: fleet.app(0), namespace: fleet.namespace(0))

            let (status, took) = await coordinator.terminateTimed()
            #expect(status == 0, "\(coordinator.output)")
            #expect(try #require(took, "\(coordinator.output)") < Self.timeout)
            let lease = try await sim.client.get(Lease.self, name: "shutdown", namespace: "default")
            #expect(lease.spec?.holderIdentity == "", "the Lease is released for the standby")
        } catch {
            _ = await worker?.terminate()
            _ = await coordinator.terminate()
            _ = await sim.stop()
            throw error
        }
        #expect(await sim.stop() == 0)
    }

    @Test func runProcessReleasesTheLeaseAndExitsZero() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let sim = try await SimProcess.start(in: scratch.url)
        let run = try ChildProcess(
            "run",
            arguments: [
                "run", "--workers", "2", "--kubeconfig", sim.kubeconfig, "--leader-elect",
                "--leader-election-namespace", "default", "--leader-election-id", "shutdown-run",
            ] + Self.common + Self.timeoutFlag)
        do {
            _ = try #require(await run.line(containing: "became leader"), "\(run.output)")
            let (status, took) = await run.terminateTimed()
            #expect(status == 0, "\(run.output)")
            #expect(try #require(took, "\(run.output)") < Self.timeout)
            #expect(run.output.contains("released the leader Lease"))
            let lease = try await sim.client.get(Lease.self, name: "shutdown-run", namespace: "default")
            #expect(lease.spec?.holderIdentity == "")
        } catch {
            _ = await run.terminate()
            _ = await sim.stop()
            throw error
        }
        #expect(await sim.stop() == 0)
    }

    /// Waits until the worker's /metrics shows a service held in its batch window.
    private func awaitWindowed(_ worker: ChildProcess) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let text = try await worker.metrics()
            let windowed = text.split(separator: "\n").first {
                $0.hasPrefix("vmsvc_worker_queue_depth{") && $0.contains("stage=\"held\"")
                    && (Double($0.split(separator: " ").last ?? "") ?? 0) >= 1
            }
            if windowed != nil { return }
            // The worker publishes its gauges once a second; there is no event to await.
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("no service reached the worker's batch window: \(worker.output)")
    }
}
