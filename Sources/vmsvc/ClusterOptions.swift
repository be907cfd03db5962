import ArgumentParser
import KubeClient
import Logging

/// How to reach the API server, as every controller-runtime manager takes it.
struct ClusterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Path to a kubeconfig. Default: the files in KUBECONFIG, else ~/.kube/config, else the pod's service account.",
            valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("The kubeconfig context to use. Default: its current-context.", valueName: "name"))
    var context: String?

    @Option(help: "Client-side rate limit towards the API server, requests per second (0: unlimited). Env: VMSVC_KUBE_API_QPS.")
    var kubeAPIQPS: Double?

    @Option(help: "Burst above --kube-api-qps. Env: VMSVC_KUBE_API_BURST.")
    var kubeAPIBurst: Int?

    static let defaultQPS: Double = 500
    static let defaultBurst = 1000

    /// The reference's client limits (spec §12): 500 QPS, burst 1000.
    var qps: Double { kubeAPIQPS ?? Environment.value("VMSVC_KUBE_API_QPS") ?? Self.defaultQPS }
    var burst: Int { kubeAPIBurst ?? Environment.value("VMSVC_KUBE_API_BURST") ?? Self.defaultBurst }

    func client(maxInFlight: Int = 64, logger: Logger) throws -> KubeClient {
        let config = try ClusterConfig.load(kubeconfig: kubeconfig, context: context)
        return KubeClient(
            config: config, options: KubeClient.Options(qps: qps, burst: burst, maxInFlight: maxInFlight),
            logger: logger)
    }
}
