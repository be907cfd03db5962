import ArgumentParser
import Foundation
import Logging

/// A worker's flags: how it batches and how much it writes at once.
struct WorkerOptions: ParsableArguments {
    @Option(
        help:
            "A service is synced at most once per period on average, in bursts of two: a change to an idle service goes out at once; changes beyond the burst wait and are coalesced into one pass. Env: VMSVC_BATCH_PERIOD. Default: 50ms."
    )
    var batchPeriod: DurationArgument?

    @Option(
        name: .customLong("max-inflight"),
        help: "API writes in flight at once, per process. Env: VMSVC_MAX_INFLIGHT. Default: 64.")
    var maxInflight: Int?

    var batch: DurationArgument {
        batchPeriod ?? Environment.string("VMSVC_BATCH_PERIOD").flatMap(DurationArgument.init(argument:))
            ?? DurationArgument(.milliseconds(50), text: "50ms")
    }

    var inflight: Int { maxInflight ?? Environment.value("VMSVC_MAX_INFLIGHT") ?? 64 }

    var metadata: Logger.Metadata { ["batchPeriod": "\(batch)", "maxInflight": "\(inflight)"] }

    /// `HOST-PID`: unique among live workers, as the coordinator requires.
    static var defaultIdentity: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
