import ArgumentParser
import Foundation
import Logging
import Worker

extension BatchPolicy: ExpressibleByArgument {}

/// A worker's flags: how it batches and how much it writes at once.
struct WorkerOptions: ParsableArguments {
    @Option(
        help: "The batch window, or the pacing period (see --batch-mode). Env: VMSVC_BATCH_PERIOD. Default: 50ms.")
    var batchPeriod: DurationArgument?

    @Option(
        help:
            "window: every change of a service waits for its batch window, and all changes in one window cost one pass. pace: a change to an idle service is synced at once (bursts of two), and beyond that a service is synced once per period. Env: VMSVC_BATCH_MODE. Default: window."
    )
    var batchMode: BatchPolicy?

    @Option(
        name: .customLong("max-inflight"),
        help: "API writes in flight at once, per process. Env: VMSVC_MAX_INFLIGHT. Default: 64.")
    var maxInflight: Int?

    var batch: DurationArgument {
        batchPeriod ?? Environment.string("VMSVC_BATCH_PERIOD").flatMap(DurationArgument.init(argument:))
            ?? DurationArgument(.milliseconds(50), text: "50ms")
    }

    var policy: BatchPolicy {
        batchMode ?? Environment.string("VMSVC_BATCH_MODE").flatMap(BatchPolicy.init) ?? .window
    }

    var inflight: Int { maxInflight ?? Environment.value("VMSVC_MAX_INFLIGHT") ?? 64 }

    var metadata: Logger.Metadata {
        ["batchPeriod": "\(batch)", "batchMode": "\(policy.rawValue)", "maxInflight": "\(inflight)"]
    }

    /// `HOST-PID`: unique among live workers, as the coordinator requires.
    static var defaultIdentity: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
