import ArgumentParser
import KubeClient
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
        help: "Wait for a coordination.k8s.io Lease before coordinating, so one coordinator is active. Env: VMSVC_LEADER_ELECT=true. Default: off.")
    var leaderElect: Bool?

    @Option(
        help: ArgumentHelp(
            "Namespace of the leader Lease. Env: VMSVC_LEADER_ELECTION_NAMESPACE. Default: the kubeconfig context's (or service account's) namespace.",
            valueName: "namespace"))
    var leaderElectionNamespace: String?

    @Option(
        help: ArgumentHelp("Name of the leader Lease. Env: VMSVC_LEADER_ELECTION_ID. Default: vmsvc-coordinator.", valueName: "name"))
    var leaderElectionID: String?

    func endpoint(default fallback: String) -> String {
        listen ?? Environment.string("VMSVC_LISTEN") ?? fallback
    }

    var electsLeader: Bool { leaderElect ?? (Environment.string("VMSVC_LEADER_ELECT") == "true") }

    func leaseNamespace(_ cluster: ClusterConfig) -> String {
        leaderElectionNamespace ?? Environment.string("VMSVC_LEADER_ELECTION_NAMESPACE") ?? cluster.namespace
    }

    var leaseName: String { leaderElectionID ?? Environment.string("VMSVC_LEADER_ELECTION_ID") ?? "vmsvc-coordinator" }

    /// nil when election is off.
    func elector(client: KubeClient, identity: String, logger: Logger) -> LeaderElector? {
        guard electsLeader else { return nil }
        return LeaderElector(
            client: client, namespace: leaseNamespace(client.config), name: leaseName, identity: identity,
            logger: logger)
    }

    func metadata(_ cluster: ClusterConfig, listen: String) -> Logger.Metadata {
        [
            "listen": "\(listen)", "leaderElect": "\(electsLeader)",
            "leaderElectionNamespace": "\(leaseNamespace(cluster))", "leaderElectionID": "\(leaseName)",
        ]
    }
}
