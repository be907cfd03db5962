import Foundation
import KubeClient
import KubeModel
import Logging
import ShardProtocol
import ShardTransport
import ZeroMQ

/// How a coordinator runs; the defaults are the documented flag defaults.
public struct CoordinatorConfig: Sendable {
    /// `--listen`: where workers connect, `tcp://HOST:PORT` (`:*` picks a port) or `inproc://NAME`.
    public var listen: String
    /// The ZeroMQ context; `inproc://` endpoints are only visible within one context, so an
    /// in-process coordinator and its workers must share it. nil: a context of its own.
    public var context: ZMQContext?
    /// CURVE keys and the worker allowlist, or plain (inproc, or an explicit insecure tcp).
    public var shardSecurity: ShardServerSecurity = .plain
    /// The API server to list and watch; nil runs without reflectors (events are then fed
    /// through `Coordinator.ingest`, as tests do).
    public var kubeClient: KubeClient?
    /// Names this coordinator in Welcome frames and logs.
    public var identity = ProcessInfo.processInfo.hostName
    /// Heartbeats go out every interval; a worker silent for `heartbeatLiveness` intervals is dead.
    public var heartbeatInterval: Duration = .seconds(1)
    public var heartbeatLiveness = 3
    /// Credit for a worker whose Hello names no `max_in_flight`.
    public var defaultMaxInFlight = 256
    /// Changes waiting for one worker's credit before the coordinator stops reading the
    /// watches (back-pressure instead of dropping).
    public var maxPendingChangesPerWorker = 10_000
    /// Changes per Delta frame (frames are split further if they would be too large).
    public var maxChangesPerDelta = 512
    public var maxFrameBytes = ShardCodec.defaultMaxFrameBytes
    /// `--api-version`: the version VirtualMachineServices are listed and watched at.
    public var vmServiceVersion = VirtualMachineService.defaultVersion
    /// `--namespace-selector`: only namespaces whose labels match are served; nil: all.
    public var namespaceSelector: Selector?
    /// Resources (plural names) whose first list must have arrived before any namespace is
    /// assigned; nil: the ones `run()` lists and watches (none without a `kubeClient`).
    public var awaitedLists: Set<String>?

    /// The resources `run()` lists and watches.
    var watchedResources: Set<String> {
        guard kubeClient != nil else { return [] }
        var resources: Set<String> = [
            VirtualMachine.resource.resource, VirtualMachineService.resource(version: vmServiceVersion).resource,
            Service.resource.resource, Endpoints.resource.resource, EndpointSlice.resource.resource,
        ]
        if namespaceSelector != nil { resources.insert(Namespace.resource.resource) }
        return resources
    }
    public var logger = Logger(label: "vmsvc.coordinator")

    public init(listen: String) {
        self.listen = listen
    }
}
