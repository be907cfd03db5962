import ArgumentParser
import Foundation
import KubeModel
import Logging
import Observability
import Prometheus
import UnixSignals

/// What every long-running vmsvc process shares: the log handler, /metrics and the probes,
/// the effective configuration logged once, and the drain on SIGTERM or SIGINT.
struct OperatorRuntime {
    let logger: Logger
    let publisher: SnapshotPublisher
    let health: HealthState
    private let server: ObservabilityServer

    /// How often engine counters are copied to /metrics and readiness is re-evaluated.
    static let publishInterval: Duration = .seconds(1)

    /// - Parameters:
    ///   - checks: the readiness checks the roles will set.
    ///   - configuration: every effective setting, logged once (never a secret: the
    ///     kubeconfig is named by path and its credentials by kind only).
    static func start(
        _ command: String, logging: LoggingOptions, probes: ProbeOptions, defaults: ProbeOptions.Defaults,
        checks: [String], configuration: Logger.Metadata
    ) async throws -> OperatorRuntime {
        logging.bootstrap()
        let registry = PrometheusCollectorRegistry()
        MetricsBootstrap.bootstrap(registry: registry)
        let logger = Logger(label: "vmsvc.\(command)")
        var effective = configuration
        effective["metricsBindAddress"] = "\(probes.metrics(defaults))"
        effective["healthProbeBindAddress"] = "\(probes.health(defaults))"
        effective["logLevel"] = "\(logging.level)"
        effective["logFormat"] = "\(logging.format.rawValue)"
        effective["version"] = "\(VMSvcVersion.current)"
        logger.info("effective configuration", metadata: effective)
        let health = HealthState(checks: checks)
        let server = try await probes.start(defaults, registry: registry, health: health, logger: logger)
        return OperatorRuntime(
            logger: logger, publisher: SnapshotPublisher(registry: registry), health: health, server: server)
    }

    private enum Ending: Sendable {
        case signal(String)
        case finished(String)
        case failed(String, String)
    }

    /// Runs the roles until a signal or until one of them ends, then drains them in order
    /// and stops. A second signal exits at once without draining.
    func run(_ roles: [any OperatorRole]) async throws {
        let (endings, sink) = AsyncStream<Ending>.makeStream()
        let logger = self.logger
        let signals = Task {
            var received = 0
            for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                received += 1
                guard received == 1 else {
                    logger.warning("second signal: exiting without draining", metadata: ["signal": "\(signal)"])
                    exit(1)
                }
                sink.yield(.signal("\(signal)"))
            }
        }
        let running = roles.map { role in
            Task {
                do {
                    try await role.run()
                    sink.yield(.finished(role.name))
                } catch {
                    sink.yield(.failed(role.name, "\(error)"))
                }
            }
        }
        let exporter = Task {
            while !Task.isCancelled {
                for role in roles { await role.publish(to: publisher, health: health) }
                try? await Task.sleep(for: Self.publishInterval)
            }
        }

        var iterator = endings.makeAsyncIterator()
        let first = await iterator.next()
        switch first {
        case .signal(let signal)?: logger.info("draining", metadata: ["signal": "\(signal)"])
        case .finished(let role)?:
            logger.warning("stopped on its own; draining the rest", metadata: ["role": "\(role)"])
        case .failed(let role, let error)?:
            logger.error("failed; draining the rest", metadata: ["role": "\(role)", "error": "\(error)"])
        case nil: break
        }
        health.startDraining()
        for role in roles {
            await role.drain()
            logger.info("drained", metadata: ["role": "\(role.name)"])
        }
        for task in running { await task.value }
        exporter.cancel()
        for role in roles { await role.publish(to: publisher, health: health) }
        signals.cancel()
        try? await server.shutdown()
        logger.info("stopped")
        if case .failed? = first { throw ExitCode.failure }
    }
}
