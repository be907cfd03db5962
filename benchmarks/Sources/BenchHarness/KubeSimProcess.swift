import Foundation

/// kube-sim as its own process (`vmsvc sim`), so that its CPU is measured apart from the
/// operator's and the harness's.
struct KubeSimProcess: Sendable {
    let child: ChildProcess
    let url: String
    let kubeconfig: URL

    var admin: KubeSimAdmin { KubeSimAdmin(baseURL: url) }

    static let announcementPrefix = "kube-sim listening on "

    /// Starts kube-sim on a free port with the CRDs and waits for its "listening on" line.
    static func start(
        vmsvc: String, crds: String, historySize: Int, runDirectory: URL
    ) async throws -> KubeSimProcess {
        let kubeconfig = runDirectory.appendingPathComponent("kubeconfig")
        let child = try ChildProcess.launch(
            name: "kube-sim", executable: vmsvc,
            arguments: [
                "sim", "--port", "0", "--kubeconfig-out", kubeconfig.path, "--crds", crds,
                "--history", String(historySize),
            ],
            logDirectory: runDirectory, announcedBy: announcementPrefix)
        guard let line = await child.announcement.wait(timeout: .seconds(60)) else {
            await child.stop(grace: .seconds(2))
            throw HarnessError("kube-sim did not start within 60 s:\n\(child.logTail())")
        }
        let url = String(line.dropFirst(announcementPrefix.count)).trimmingCharacters(in: .whitespaces)
        return KubeSimProcess(child: child, url: url, kubeconfig: kubeconfig)
    }
}

/// A failure that ends the run, with a message for the user.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
