import Foundation
import KubeClient
import Logging
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// kube-sim as its own process, for the tests that start operator processes with flags of
/// their own (shutdown, config file); `stop()` ends it.
struct SimProcess {
    let process: ChildProcess
    let kubeconfig: String
    let client: KubeClient

    static func start(in directory: URL, extraArguments: [String] = []) async throws -> SimProcess {
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let process = try ChildProcess(
            "sim",
            arguments: ["sim", "--port", "0", "--crds", Operator.crdDirectory, "--kubeconfig-out", kubeconfig]
                + extraArguments)
        guard let listening = await process.line(containing: "kube-sim listening on"),
            let url = listening.split(separator: " ").last.map(String.init)
        else {
            _ = await process.terminate()
            throw SimProcessError.didNotStart(process.output)
        }
        let client = KubeClient(
            config: ClusterConfig(server: url), options: KubeClient.Options(qps: 0), logger: Logger(label: "test"))
        return SimProcess(process: process, kubeconfig: kubeconfig, client: client)
    }

    func stop() async -> Int32 { await process.terminate() }

    enum SimProcessError: Error { case didNotStart(String) }
}

/// A fresh temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vmsvc-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

extension ChildProcess {
    /// The value of `key` in the first JSON log line containing `text` (`--log-format json`).
    func logField(_ key: String, inLineContaining text: String, within timeout: Duration = .seconds(60)) async
        -> String?
    {
        guard let line = await line(containing: text, within: timeout), let start = line.firstIndex(of: "{"),
            let object = try? JSONSerialization.jsonObject(with: Data(line[start...].utf8)) as? [String: Any]
        else { return nil }
        return object[key].map { "\($0)" }
    }

    /// The /metrics text of a process started with `--metrics-bind-address 127.0.0.1:0`.
    func metrics() async throws -> String {
        let address = try #require(await logField("address", inLineContaining: "serving metrics"), "\(output)")
        let url = try #require(URL(string: "http://\(address)/metrics"))
        // The completion-handler form: the async one is not in every corelibs Foundation.
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: url) { data, _, error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: String(decoding: data ?? Data(), as: UTF8.self))
                }
            }.resume()
        }
    }

    /// SIGTERM, then the exit status and how long the drain took by the process's own log
    /// (`draining` to `stopped`, `--log-format json`): the time to end the process, not the
    /// time this test process takes to see the end of its output.
    func terminateTimed() async -> (status: Int32, took: Duration?) {
        let status = await terminate()
        guard let from = await logField("time", inLineContaining: "\"draining\"", within: .seconds(1)),
            let to = await logField("time", inLineContaining: "\"stopped\"", within: .seconds(1)),
            let start = Self.timestamp(from), let end = Self.timestamp(to)
        else { return (status, nil) }
        return (status, .milliseconds(Int64((end.timeIntervalSince(start) * 1000).rounded())))
    }

    private static func timestamp(_ text: String) -> Date? {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return format.date(from: text)
    }
}
