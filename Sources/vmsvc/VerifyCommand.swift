import ArgumentParser
import Foundation
import KubeModel
import Logging
import Verify

/// `vmsvc verify`: is the cluster what the controller would make of it?
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Compare every VirtualMachineService's Service, Endpoints and status with what the controller would write.",
        discussion: """
            Reads VirtualMachineServices, VirtualMachines, Services and Endpoints, plans a reconcile pass \
            over each VirtualMachineService with the workers' own core and the same options, and prints \
            every write that pass would make as 'namespace/name kind field: expected X, actual Y', then \
            'checked N VirtualMachineServices: M discrepancies'. Invalid VirtualMachineServices are \
            counted but not compared (their children are left as they were).
            Exit status: 0 no discrepancy, 1 discrepancies, 2 the cluster could not be read.
            """
    )

    enum Output: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var cluster: ClusterOptions
    @OptionGroup var reconcile: ReconcileFlags
    @OptionGroup var configFile: ConfigFileOptions

    @Option(help: "text: one line per discrepancy and a summary; json: one document.")
    var output: Output = .text

    func run() async throws {
        try ConfigFileOptions.rejectUnknownKeys(of: Self.self)
        let logger = Logger(label: "vmsvc.verify")
        let state: ClusterState
        do {
            state = try await ClusterState.read(
                from: cluster.client(try cluster.config(), component: "verify", logger: logger), version: reconcile.version)
        } catch {
            FileHandle.standardError.write(Data("vmsvc verify: cannot read the cluster: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let now = Time(secondsSince1970: Int64(Date().timeIntervalSince1970))
        let report = ClusterVerifier(reconciler: reconcile.reconciler).verify(state, now: now)
        switch output {
        case .text:
            print(report.text)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        if !report.isClean { throw ExitCode(1) }
    }
}
