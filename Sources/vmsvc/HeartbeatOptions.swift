import ArgumentParser
import Logging

/// How often the coordinator and its workers prove to each other that they are alive. Both
/// sides must agree: a worker is declared dead (and its namespaces move) after `liveness`
/// intervals of silence, and a worker stops writing when it has not heard the coordinator
/// for that long. Short values make tests and failovers fast; long ones tolerate pauses.
struct HeartbeatOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Interval between shard-channel heartbeats. Env: VMSVC_HEARTBEAT_INTERVAL. Default: 1s.",
            valueName: "duration"))
    var heartbeatInterval: DurationArgument?

    @Option(
        help: ArgumentHelp(
            "Missed heartbeats after which the peer is dead. Env: VMSVC_HEARTBEAT_LIVENESS. Default: 3.",
            valueName: "count"))
    var heartbeatLiveness: Int?

    var interval: Duration {
        DurationArgument.resolve(heartbeatInterval, environment: "VMSVC_HEARTBEAT_INTERVAL", default: .seconds(1))
    }

    var liveness: Int { max(1, heartbeatLiveness ?? Environment.value("VMSVC_HEARTBEAT_LIVENESS") ?? 3) }

    var settings: RoleFactory.Heartbeat { RoleFactory.Heartbeat(interval: interval, liveness: liveness) }

    var metadata: Logger.Metadata { ["heartbeatInterval": "\(interval)", "heartbeatLiveness": "\(liveness)"] }
}
