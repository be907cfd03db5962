import Foundation
import Testing

/// `--config FILE`: every flag can come from YAML; flags beat environment variables, which
/// beat the file, which beats the default; the effective result is logged once.
@Suite struct ConfigFileTests {
    /// A kubeconfig naming a server nobody listens on: a worker reads no API before it writes.
    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]
        users: [{name: u, user: {token: not-logged}}]
        contexts: [{name: x, context: {cluster: c, user: u, namespace: ops}}]
        current-context: x
        """

    @Test func flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let kubeconfig = try scratch.write("kubeconfig", Self.kubeconfig)
        let config = try scratch.write(
            "worker.yaml",
            """
            kubeconfig: \(kubeconfig)
            coordinator: tcp://127.0.0.1:9
            insecure-shard-channel: true
            worker-id: from-file
            batch-period: 70ms
            max-inflight: 7
            api-version: v1alpha6
            kube-api-qps: 42
            log-format: json
            health-probe-bind-address: "0"
            metrics-bind-address: "0"
            """)
        let worker = try ChildProcess(
            "worker", arguments: ["worker", "--config", config, "--worker-id", "from-flag"],
            environment: ["VMSVC_MAX_INFLIGHT": "9"])
        let line = try #require(await worker.line(containing: "effective configuration"), "\(worker.output)")
        let start = try #require(line.firstIndex(of: "{"), "\(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line[start...].utf8)) as? [String: Any])
        #expect(object["workerID"] as? String == "from-flag", "flag over file")
        #expect(object["maxInflight"] as? String == "9", "environment over file")
        #expect(object["batchPeriod"] as? String == "70ms", "file over default")
        #expect(object["apiVersion"] as? String == "v1alpha6")
        #expect(object["kubeAPIQPS"] as? String == "42.0")
        #expect(object["kubeAPIBurst"] as? String == "1000", "default")
        #expect(object["shutdownTimeout"] as? String == "20s", "default")
        #expect(object["config"] as? String == config)
        #expect((object["cluster"] as? String)?.contains("127.0.0.1:9") == true, "kubeconfig from the file")
        #expect(!line.contains("not-logged"), "no credential is logged")
        #expect(worker.output.components(separatedBy: "effective configuration").count == 2, "logged once")
        #expect(await worker.terminate() == 0)
    }

    @Test func keyThatIsNotAFlagOfTheCommandIsRejected() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let kubeconfig = try scratch.write("kubeconfig", Self.kubeconfig)
        // `workers` is a flag of `run`, not of `worker`; `batch-perod` is a typo.
        let config = try scratch.write("typo.yaml", "kubeconfig: \(kubeconfig)\nbatch-perod: 1s\nworkers: 3\n")
        let worker = try ChildProcess("worker", arguments: ["worker", "--config", config, "--insecure-shard-channel"])
        #expect(await worker.exitStatus() == 64)
        #expect(worker.output.contains("batch-perod, workers"), "\(worker.output)")
    }

    @Test(arguments: ["- a list\n- not a mapping\n", "batch-period: [1s, 2s]\n", "key: \"unterminated\n"])
    func malformedFileIsRejectedBeforeStarting(text: String) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let config = try scratch.write("bad.yaml", text)
        let worker = try ChildProcess("worker", arguments: ["worker", "--config", config])
        #expect(await worker.exitStatus() == 64)
        #expect(worker.output.contains("config file"), "\(worker.output)")
    }

    @Test func missingFileIsRejectedBeforeStarting() async throws {
        let coordinator = try ChildProcess("coordinator", arguments: ["coordinator", "--config", "/nonexistent.yaml"])
        #expect(await coordinator.exitStatus() == 64)
        #expect(coordinator.output.contains("cannot read config file /nonexistent.yaml"))
    }

    @Test(arguments: ["coordinator", "worker", "run"])
    func helpDocumentsConfigAndShutdownTimeout(command: String) async throws {
        let help = try ChildProcess(command, arguments: [command, "--help"])
        #expect(await help.exitStatus() == 0)
        for flag in ["--config <file>", "--shutdown-timeout <duration>", "VMSVC_CONFIG", "VMSVC_SHUTDOWN_TIMEOUT"] {
            #expect(help.output.contains(flag), "\(command) --help lacks \(flag)")
        }
    }
}
