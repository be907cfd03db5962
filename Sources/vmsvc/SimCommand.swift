import ArgumentParser
import Foundation
import KubeSim
import Logging

/// `vmsvc sim`: runs kube-sim until interrupted.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run kube-sim, an in-memory Kubernetes API server that kubectl accepts unchanged."
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0

    @Option(help: "Write a kubeconfig for the server to this path once it listens.")
    var kubeconfigOut: String?

    @Option(help: "Directory of CRD manifests to load at start (repeatable; default: deploy/crds if present).")
    var crds: [String] = []

    @Option(help: "Service CIDRs, comma-separated, at most one per IP family (two: dual-stack).")
    var serviceCIDR = "10.96.0.0/12"

    @Option(help: "Changes kept for watches and pagination; older resource versions get 410 Gone.")
    var history = 10_000

    @Option(help: "Seconds between watch BOOKMARK events.")
    var bookmarkInterval: Double = 60

    @Option(help: "Microseconds between two writes to one watch connection; events in between go out together.")
    var watchFlushInterval = 0

    @Option(help: "Play the cloud provider: LoadBalancer Services get an ingress IP from this CIDR.")
    var lbPool: String?

    @Option(help: "Milliseconds before an emulated load balancer gets its IP.")
    var lbDelay = 0

    @Option(help: "Fault injection: milliseconds added to every answer of the --fault-latency-on classes.")
    var faultLatency = 0

    @Option(help: "Fault injection: each delayed answer waits --fault-latency ± up to this many milliseconds.")
    var faultLatencyJitter = 0

    @Option(help: "Fault injection: which requests are delayed, comma-separated: read (GET), write (the rest).")
    var faultLatencyOn = "read,write"

    @Option(help: "Fault injection: fraction (0-1) of resource requests answered with an error.")
    var faultErrorRate: Double = 0

    @Option(help: "Fault injection: the error codes to answer with, comma-separated (500, 503, 429, 504).")
    var faultErrorCodes = "500,503,429"

    @Option(help: "Fault injection: fraction (0-1) of updates and patches answered 409 Conflict.")
    var faultConflictRate: Double = 0

    @Option(help: "Fault injection: end every open watch this often, in seconds (0: never).")
    var faultDropWatches: Double = 0

    @Option(help: ArgumentHelp("Serve HTTPS with this PEM certificate (chain); needs --tls-key.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(
        help: ArgumentHelp(
            "PEM CA written to the kubeconfig for clients to trust (default: --tls-cert itself when self-signed).",
            valueName: "file"))
    var tlsCA: String?

    @Option(help: ArgumentHelp("Require authentication; this bearer token is user admin in group system:masters.", valueName: "token"))
    var token: String?

    @Option(help: ArgumentHelp("Static bearer tokens, kube-apiserver's CSV: token,user,uid,\"group1,group2\".", valueName: "file"))
    var tokenAuthFile: String?

    @Option(help: ArgumentHelp("Accept client certificates signed by this PEM CA (CN = user, O = groups); needs TLS.", valueName: "file"))
    var clientCA: String?

    @Option(help: ArgumentHelp("Authorize with RBAC: Roles, ClusterRoles and bindings from the manifests under this directory.", valueName: "dir"))
    var rbac: String?

    @Option(
        help:
            "Keep the objects in DIR/state.json: loaded at start (CRD directories are then not loaded again), saved after writes and at shutdown."
    )
    var dataDir: String?

    /// `--fault-latency-on`, every name checked.
    private func latencyClasses() throws -> Set<FaultConfiguration.RequestClass> {
        try Set(faultLatencyOn.split(separator: ",").map { name in
            guard let kind = FaultConfiguration.RequestClass(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--fault-latency-on: unknown request class '\(name)' (read, write)")
            }
            return kind
        })
    }

    func run() async throws {
        let dataDirectory = dataDir.map(DataDirectory.init(path:))
        let restoring = dataDirectory?.hasState ?? false
        var directories = restoring ? [] : crds
        if !restoring, directories.isEmpty, FileManager.default.fileExists(atPath: "deploy/crds") { directories = ["deploy/crds"] }
        var configuration = KubeSimConfiguration(
            host: host, port: port,
            serviceCIDRs: serviceCIDR.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            historySize: history, bookmarkIntervalSeconds: bookmarkInterval, crdDirectories: directories,
            loadBalancerPool: lbPool, loadBalancerDelayMilliseconds: lbDelay,
            faults: FaultConfiguration(
                latencyMilliseconds: faultLatency, latencyJitterMilliseconds: faultLatencyJitter,
                latencyClasses: try latencyClasses(),
                errorRate: faultErrorRate,
                errorCodes: faultErrorCodes.split(separator: ",").compactMap { Int($0) },
                conflictRate: faultConflictRate, dropWatchesEverySeconds: faultDropWatches),
            tlsCertificatePath: tlsCert, tlsKeyPath: tlsKey, tlsCAPath: tlsCA, bearerToken: token,
            tokenAuthFile: tokenAuthFile, clientCAPath: clientCA, rbacDirectory: rbac)
        let logger = Logger(label: "kube-sim")
        configuration.watchFlushIntervalMicroseconds = watchFlushInterval
        let sim = KubeSim(configuration: configuration, logger: logger)
        if let dataDirectory, restoring {
            let count = try dataDirectory.restore(into: sim)
            logger.info("restored state", metadata: ["dataDir": "\(dataDirectory.path)", "objects": "\(count)"])
        }
        try await sim.start()
        let saving = dataDirectory?.saveContinuously(sim, every: .milliseconds(200), logger: logger)
        if let kubeconfigOut {
            try sim.kubeconfig().write(toFile: kubeconfigOut, atomically: true, encoding: .utf8)
        }
        // Written unbuffered: scripts wait for this line before they go on.
        FileHandle.standardOutput.write(Data("kube-sim listening on \(sim.url)\n".utf8))
        await Self.waitForTermination()
        saving?.cancel()
        try await sim.stop()
        try dataDirectory?.save(sim)
    }

    /// Suspends until SIGINT or SIGTERM.
    private static func waitForTermination() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = SignalOnce(continuation)
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { once.fire() }
                source.resume()
                once.retain(source)
            }
        }
    }
}

/// Resumes the waiting task on the first signal only, and keeps the signal sources alive.
private final class SignalOnce: @unchecked Sendable {
    // Safe: every field is only touched under `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    func retain(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }

    func fire() {
        let pending = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            defer { continuation = nil }
            return continuation
        }
        pending?.resume()
    }
}
