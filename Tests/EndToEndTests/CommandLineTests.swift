import Foundation
import KubeClient
import KubeModel
import Testing

/// The `vmsvc` executable as an operator meets it: help that documents every default, and
/// `verify`'s exit status.
@Suite struct CommandLineTests {
    private func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try ChildProcess(arguments.first ?? "vmsvc", arguments: arguments)
        let status = await process.exitStatus()
        return (status, process.output)
    }

    @Test(arguments: ["coordinator", "worker", "run"])
    func helpDocumentsEveryFlagWithItsDefault(command: String) async throws {
        let (status, help) = try await run([command, "--help"])
        #expect(status == 0)
        var flags = [
            "--kubeconfig", "--context", "--kube-api-qps", "--kube-api-burst", "--metrics-bind-address",
            "--health-probe-bind-address", "--log-level", "--log-format",
        ]
        if command != "worker" {
            flags += ["--listen", "--leader-elect", "--leader-election-namespace", "--leader-election-id"]
        }
        if command != "coordinator" {
            flags += ["--batch-period", "--max-inflight", "--api-version", "--lb-provider"]
        }
        if command == "worker" { flags += ["--coordinator", "--worker-id"] }
        if command == "run" { flags += ["--workers"] }
        for flag in flags {
            #expect(help.contains(flag), "\(command) --help lacks \(flag)")
        }
        let options = help.components(separatedBy: "\n").filter { $0.hasPrefix("  --") }.count
        let defaults = help.components(separatedBy: "efault").count - 1
        #expect(defaults >= options, "\(command): \(options) options, \(defaults) defaults documented")
    }

    @Test func malformedDurationIsRejectedBeforeStarting() async throws {
        let (status, output) = try await run(["worker", "--batch-period", "5 parsecs"])
        #expect(status == 64)
        #expect(output.contains("--batch-period"))
    }

    @Test func verifyExitsOneWithDiscrepanciesAndTwoWhenTheClusterCannotBeRead() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let sim = try ChildProcess(
            "sim", arguments: ["sim", "--port", "0", "--crds", Operator.crdDirectory, "--kubeconfig-out", kubeconfig])
        let listening = await sim.line(containing: "kube-sim listening on")
        do {
            let url = try #require(listening?.split(separator: " ").last.map(String.init), "\(sim.output)")
            let clean = try await run(["verify", "--kubeconfig", kubeconfig])
            #expect(clean.status == 0)
            #expect(clean.output.hasSuffix("checked 0 VirtualMachineServices: 0 discrepancies"))

            let client = KubeClient(config: ClusterConfig(server: url))
            _ = try await client.create(
                VirtualMachineService(
                    metadata: ObjectMeta(name: "web", namespace: "default"),
                    spec: VirtualMachineServiceSpec(
                        type: "ClusterIP",
                        ports: [VirtualMachineServicePort(name: "http", protocol: "TCP", port: 80, targetPort: 8080)],
                        selector: ["app": "web"])))
            let drifted = try await run(["verify", "--kubeconfig", kubeconfig])
            #expect(drifted.status == 1)
            #expect(drifted.output.contains("default/web Service object: expected present, actual absent"))
            #expect(drifted.output.hasSuffix("checked 1 VirtualMachineServices: 3 discrepancies"))
        } catch {
            _ = await sim.terminate()
            throw error
        }
        #expect(await sim.terminate() == 0)
        let unreachable = try await run(["verify", "--kubeconfig", kubeconfig])
        #expect(unreachable.status == 2)
        #expect(unreachable.output.contains("cannot read the cluster"))
    }
}
