import CoreMetrics
import Foundation
import KubeModel
import VMServiceCore

/// How a worker is tuned; every field has the documented flag default.
public struct WorkerConfiguration: Sendable {
    /// `--batch-period`: the batch window, or the pacing period (`PassPacer`).
    public var batchPeriod: Duration = .milliseconds(50)
    /// `--batch-mode`.
    public var batchPolicy = BatchPolicy.window
    /// `--max-inflight`: services synced at once across all namespaces. A pass writes its
    /// objects one after another, so this also bounds the worker's writes in flight.
    public var maxInflight = 64
    public var reconcileOptions = ReconcileOptions()
    public var provider: any LoadBalancerProvider = NoOpLoadBalancerProvider()
    /// Names this worker in Events (`reportingInstance`) and logs.
    public var identity = ProcessInfo.processInfo.hostName
    /// Per-service retry backoff after a failed pass (controller-runtime's defaults).
    public var backoffBase: Duration = .milliseconds(5)
    public var backoffCap: Duration = .seconds(1000)
    /// Wall-clock time for condition timestamps and Events (the pacing and backoff
    /// run on the worker's `Clock` instead).
    public var wallClock: @Sendable () -> MicroTime = {
        MicroTime(microsecondsSince1970: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
    /// Where the worker's histograms (propagation latency, batch sizes) are recorded: the
    /// process's swift-metrics backend unless a test passes its own.
    public var metricsFactory: any MetricsFactory = MetricsSystem.factory
    /// Whether the coordinator's assignments still hold (`ShardClient.ownershipConfirmed`).
    /// While false no pass starts and passes stop between writes; the services stay dirty
    /// and are synced once it holds again, or dropped when their namespace is revoked.
    public var ownershipConfirmed: @Sendable () -> Bool = { true }
    /// Source of backoff jitter, a value in `0..<1`.
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    public init() {}
}
