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
    /// The bound on a drain (`--shutdown-timeout`).
    private let shutdownTimeout: Duration
    /// Trapped from the start of `start()`, so that a SIGTERM arriving before `run` is
    /// buffered and drains the process instead of killing it with the default action.
    private let signals: UnixSignalsSequence

    /// How often engine counters are copied to /metrics and readiness is re-evaluated.
    static let publishInterval: Duration = .seconds(1)

    /// - Parameters:
    ///   - checks: the readiness checks the roles will set.
    ///   - configuration: every effective setting, logged once (never a secret: the
    ///     kubeconfig is named by path and its credentials by kind only).
    static func start(
        _ command: any ParsableCommand.Type, logging: LoggingOptions, probes: ProbeOptions, defaults: ProbeOptions.Defaults,
        shutdown: ShutdownOptions, checks: [String], configuration: Logger.Metadata
    ) async throws -> OperatorRuntime {
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        logging.bootstrap()
        let registry = PrometheusCollectorRegistry()
        MetricsBootstrap.bootstrap(registry: registry)
        let logger = Logger(label: "vmsvc.\(command.configuration.commandName ?? "operator")")
        var effective = configuration
        effective["metricsBindAddress"] = "\(probes.metrics(defaults))"
        effective["healthProbeBindAddress"] = "\(probes.health(defaults))"
        effective["logLevel"] = "\(logging.level)"
        effective["logFormat"] = "\(logging.format.rawValue)"
        effective["version"] = "\(VMSvcVersion.current)"
        effective.merge(shutdown.metadata) { $1 }
        if let path = ConfigFile.path { effective["config"] = "\(path)" }
        try ConfigFileOptions.rejectUnknownKeys(of: command)
        logger.info("effective configuration", metadata: ConfigurationRedaction.redacted(effective))
        let health = HealthState(checks: checks)
        let server = try await probes.start(defaults, registry: registry, health: health, logger: logger)
        return OperatorRuntime(
            logger: logger, publisher: SnapshotPublisher(registry: registry), health: health, server: server,
            shutdownTimeout: shutdown.timeout.duration, signals: signals)
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
            for await signal in self.signals {
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
        let deadline = Task { [shutdownTimeout] in
            try await Task.sleep(for: shutdownTimeout)
            logger.error("drain exceeded the shutdown timeout; exiting", metadata: ["timeout": "\(shutdownTimeout)"])
            exit(1)
        }
        for role in roles {
            await role.drain()
            logger.info("drained", metadata: ["role": "\(role.name)"])
        }
        for task in running { await task.value }
        deadline.cancel()
        exporter.cancel()
        for role in roles { await role.publish(to: publisher, health: health) }
        signals.cancel()
        try? await server.shutdown()
        logger.info("stopped")
        if case .failed? = first { throw ExitCode.failure }
    }
}
