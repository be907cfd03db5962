import ArgumentParser
import Logging

/// `--shutdown-timeout`: the bound on a graceful stop (controller-runtime's
/// `GracefulShutdownTimeout`). Kept below the pod's `terminationGracePeriodSeconds`, so the
/// process ends on its own terms rather than by SIGKILL.
struct ShutdownOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Longest time SIGTERM/SIGINT may take to drain (sync what is pending, finish writes, release the Lease); past it the process exits 1. Env: VMSVC_SHUTDOWN_TIMEOUT. Default: 20s.",
            valueName: "duration"))
    var shutdownTimeout: DurationArgument?

    var timeout: DurationArgument {
        shutdownTimeout ?? Environment.string("VMSVC_SHUTDOWN_TIMEOUT").flatMap(DurationArgument.init(argument:))
            ?? DurationArgument(.seconds(20), text: "20s")
    }

    var metadata: Logger.Metadata { ["shutdownTimeout": "\(timeout)"] }
}
