import ArgumentParser
import KubeClient
import Logging

/// How to reach the API server, as every controller-runtime manager takes it.
struct ClusterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Path to a kubeconfig. Env: VMSVC_KUBECONFIG. Default: the files in KUBECONFIG, else ~/.kube/config, else the pod's service account.",
            valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp(
            "The kubeconfig context to use. Env: VMSVC_CONTEXT. Default: its current-context.", valueName: "name"))
    var context: String?

    @Option(
        name: .customLong("kube-api-qps"),
        help:
            "Client-side rate limit towards the API server, requests per second (0: unlimited). Env: VMSVC_KUBE_API_QPS. Default: 500."
    )
    var kubeAPIQPS: Double?

    @Option(
        name: .customLong("kube-api-burst"),
        help: "Requests allowed at once above --kube-api-qps. Env: VMSVC_KUBE_API_BURST. Default: 1000.")
    var kubeAPIBurst: Int?

    static let defaultQPS: Double = 500
    static let defaultBurst = 1000

    /// The reference's client limits (spec §12): 500 QPS, burst 1000.
    var qps: Double { kubeAPIQPS ?? Environment.value("VMSVC_KUBE_API_QPS") ?? Self.defaultQPS }
    var burst: Int { kubeAPIBurst ?? Environment.value("VMSVC_KUBE_API_BURST") ?? Self.defaultBurst }

    /// The cluster as the kubeconfig (or service account) describes it; nothing is contacted.
    func config() throws -> ClusterConfig {
        try ClusterConfig.load(
            kubeconfig: kubeconfig ?? Environment.string("VMSVC_KUBECONFIG"),
            context: context ?? Environment.string("VMSVC_CONTEXT"))
    }

    /// - Parameter component: who is calling (`worker/ID`, `coordinator`), for the User-Agent.
    func client(_ config: ClusterConfig, maxInFlight: Int = 64, component: String, logger: Logger) -> KubeClient {
        KubeClient(
            config: config,
            options: KubeClient.Options(
                qps: qps, burst: burst, maxInFlight: maxInFlight, userAgent: KubeClient.userAgent(component: component)),
            logger: logger)
    }

    /// For the startup log: the server, where the config came from and the kind of
    /// credentials (`ClusterConfig.description` never prints a secret).
    func metadata(_ config: ClusterConfig) -> Logger.Metadata {
        ["cluster": "\(config)", "kubeAPIQPS": "\(qps)", "kubeAPIBurst": "\(burst)"]
    }
}
