import ArgumentParser
import Coordinator
import Foundation
import KubeClient
import KubeModel
import Logging

/// The coordinator's flags (controller-runtime names where controller-runtime has one).
struct CoordinatorOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "ZeroMQ endpoint workers connect to: tcp://HOST:PORT or inproc://NAME. Env: VMSVC_LISTEN. Default: tcp://0.0.0.0:7400 (coordinator), inproc://vmsvc (run).",
            valueName: "endpoint"))
    var listen: String?

    @Flag(
        inversion: .prefixedNo,
        help:
            "Wait for a coordination.k8s.io Lease before coordinating, so one coordinator is active. Env: VMSVC_LEADER_ELECT=true. Default: off."
    )
    var leaderElect: Bool?

    @Option(
        help: ArgumentHelp(
            "Namespace of the leader Lease. Env: VMSVC_LEADER_ELECTION_NAMESPACE. Default: the kubeconfig context's (or service account's) namespace.",
            valueName: "namespace"))
    var leaderElectionNamespace: String?

    @Option(
        help: ArgumentHelp(
            "Name of the leader Lease. Env: VMSVC_LEADER_ELECTION_ID. Default: vmsvc-coordinator.", valueName: "name"))
    var leaderElectionID: String?

    @Option(
        help: ArgumentHelp(
            "Serve only namespaces whose labels match this label selector (e.g. vmsvc=enabled,tier!=test). A namespace that stops matching is released: its worker stops writing it and deletes nothing. Env: VMSVC_NAMESPACE_SELECTOR. Default: every namespace.",
            valueName: "selector"))
    var namespaceSelector: String?

    mutating func validate() throws {
        _ = try selector()
    }

    /// The parsed `--namespace-selector`; nil (every namespace) when unset or empty.
    func selector() throws -> Selector? {
        guard let text = namespaceSelector ?? Environment.string("VMSVC_NAMESPACE_SELECTOR") else { return nil }
        do {
            let selector = try Selector.parse(text)
            return selector.isEmpty ? nil : selector
        } catch {
            throw ValidationError("--namespace-selector: \(error)")
        }
    }

            "How long a standby waits after the last renewal before taking the Lease. Env: VMSVC_LEADER_ELECTION_LEASE_DURATION. Default: 15s.",
            valueName: "duration"))
    var leaderElectionLeaseDuration: DurationArgument?

    @Option(
        help: ArgumentHelp(
            "How long the leader keeps trying to renew before it stops leading. Env: VMSVC_LEADER_ELECTION_RENEW_DEADLINE. Default: 10s.",
            valueName: "duration"))
    var leaderElectionRenewDeadline: DurationArgument?

    @Option(
        help: ArgumentHelp(
            "How often replicas try to acquire or renew the Lease. Env: VMSVC_LEADER_ELECTION_RETRY_PERIOD. Default: 2s.",
            valueName: "duration"))
    var leaderElectionRetryPeriod: DurationArgument?

    func endpoint(default fallback: String) -> String {
        listen ?? Environment.string("VMSVC_LISTEN") ?? fallback
    }

    var electsLeader: Bool { leaderElect ?? (Environment.string("VMSVC_LEADER_ELECT") == "true") }

    func leaseNamespace(_ cluster: ClusterConfig) -> String {
        leaderElectionNamespace ?? Environment.string("VMSVC_LEADER_ELECTION_NAMESPACE") ?? cluster.namespace
    }

    var leaseName: String { leaderElectionID ?? Environment.string("VMSVC_LEADER_ELECTION_ID") ?? "vmsvc-coordinator" }

    /// nil when election is off. The Lease advertises `listen` to workers, with a wildcard
    /// host replaced by this host's name.
    func election(_ cluster: ClusterConfig, listen: String) -> LeaderElector.Config? {
        guard electsLeader else { return nil }
        let host = ProcessInfo.processInfo.hostName
        let advertised = listen.replacingOccurrences(of: "//0.0.0.0:", with: "//\(host):")
            .replacingOccurrences(of: "//*:", with: "//\(host):")
        var config = LeaderElector.Config(
            namespace: leaseNamespace(cluster), name: leaseName, advertisedEndpoint: advertised)
        config.leaseDuration = DurationArgument.resolve(
            leaderElectionLeaseDuration, environment: "VMSVC_LEADER_ELECTION_LEASE_DURATION", default: config.leaseDuration)
        config.renewDeadline = DurationArgument.resolve(
            leaderElectionRenewDeadline, environment: "VMSVC_LEADER_ELECTION_RENEW_DEADLINE", default: config.renewDeadline)
        config.retryPeriod = DurationArgument.resolve(
            leaderElectionRetryPeriod, environment: "VMSVC_LEADER_ELECTION_RETRY_PERIOD", default: config.retryPeriod)
        return config
    }

    func metadata(_ cluster: ClusterConfig, listen: String) -> Logger.Metadata {
        [
            "listen": "\(listen)", "leaderElect": "\(electsLeader)",
            "leaderElectionNamespace": "\(leaseNamespace(cluster))", "leaderElectionID": "\(leaseName)",
            "namespaceSelector": "\((try? selector())?.description ?? "")",
        ]
    }
}
