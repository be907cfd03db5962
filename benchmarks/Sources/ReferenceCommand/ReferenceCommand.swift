import ArgumentParser
import Foundation
import KubeClient
import Logging
import Observability
import Prometheus
import ReferenceController
import UnixSignals

/// `vmsvc-reference`: our re-implementation of the reference controller's algorithm, run
/// against a cluster as the benchmark harness's baseline. It is not the reference binary.
@main
struct ReferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vmsvc-reference",
        abstract: "The reference controller's algorithm (controller-runtime style), re-implemented for comparison.",
        discussion: """
            One process: informer caches of VirtualMachineServices, VirtualMachines, Services and \
            Endpoints; a keyed work queue with --concurrency reconciles at once; each reconcile lists \
            the VMs by selector from the cache and creates or patches the Service, then the Endpoints, \
            then patches the VirtualMachineService and its status. No batching. The desired objects are \
            vmsvc's own (VMServiceCore), so `vmsvc verify` judges the result. Exits 0 on SIGTERM or SIGINT.
            """
    )

    @Option(help: ArgumentHelp("Path to a kubeconfig.", valueName: "path"))
    var kubeconfig: String?

    @Option(help: "Reconciles at once (MaxConcurrentReconciles).")
    var concurrency = 20

    @Option(name: .customLong("kube-api-qps"), help: "Client-side rate limit, requests per second (0: unlimited).")
    var kubeAPIQPS: Double = 500

    @Option(name: .customLong("kube-api-burst"), help: "Requests allowed at once above --kube-api-qps.")
    var kubeAPIBurst = 1000

    @Option(help: "Seconds between informer resyncs (every VirtualMachineService reconciled again).")
    var resyncPeriod: Double = 1800

    @Option(help: ArgumentHelp("Where /metrics is served ([host]:port; 0 disables).", valueName: "address"))
    var metricsBindAddress = "0"

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func run() async throws {
        KeyValueLogHandler.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info, format: .text)
        let logger = Logger(label: "vmsvc.reference")
        let config = try ClusterConfig.load(kubeconfig: kubeconfig, context: nil)
        // client-go has no cap on requests in flight; only the token bucket limits it.
        let client = KubeClient(
            config: config, options: KubeClient.Options(qps: kubeAPIQPS, burst: kubeAPIBurst, maxInFlight: 0),
            logger: logger)
        let controller = ReferenceController(
            client: client,
            configuration: ReferenceController.Configuration(
                concurrency: concurrency, resyncPeriod: .seconds(resyncPeriod)),
            logger: logger)
        logger.info(
            "effective configuration",
            metadata: [
                "cluster": "\(config)", "concurrency": "\(concurrency)", "kubeAPIQPS": "\(kubeAPIQPS)",
                "kubeAPIBurst": "\(kubeAPIBurst)", "metricsBindAddress": "\(metricsBindAddress)",
            ])

        let registry = PrometheusCollectorRegistry()
        let server = ObservabilityServer(registry: registry, health: HealthState(checks: []), logger: logger)
        if let address = try BindAddress.parse(metricsBindAddress) { try await server.bind(address, purpose: "metrics") }
        let publisher = SnapshotPublisher(registry: registry)

        let running = Task { await controller.run() }
        let exporter = Task {
            while !Task.isCancelled {
                await ReferenceMetricsExport.publish(controller, to: publisher)
                try? await Task.sleep(for: .seconds(1))
            }
        }
        for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
            logger.info("stopping", metadata: ["signal": "\(signal)"])
            break
        }
        running.cancel()
        await running.value
        exporter.cancel()
        try? await server.shutdown()
        logger.info("stopped")
    }
}
