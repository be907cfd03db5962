import Coordinator
import Observability

/// The coordinator's counters under their /metrics names.
enum CoordinatorMetricsExport {
    static func publish(_ o: CoordinatorObservation, to out: SnapshotPublisher) {
        let c = o.counters
        for (resource, total) in o.cache.received {
            out.counter(
                "vmsvc_watch_events_received_total", help: "Objects the reflectors delivered, by resource.",
                labels: [("resource", resource)], total: total)
        }
        let dropped = [
            ("irrelevant_vm_update", o.cache.droppedVMUpdates), ("unwatched_child", o.cache.ignoredChildUpdates),
            ("malformed", o.cache.malformedObjects),
        ]
        for (reason, total) in dropped {
            out.counter(
                "vmsvc_events_dropped_total", help: "Watch events dropped before reaching a worker, by reason.",
                labels: [("reason", reason)], total: total)
        }
        for (restart, total) in c.reflectorRestarts {
            out.counter(
                "vmsvc_reflector_restarts_total", help: "Reflector lists and watches started again, by reason.",
                labels: [("resource", restart.resource), ("reason", restart.reason.rawValue)], total: total)
        }
        out.counter("vmsvc_coordinator_snapshots_total", help: "Namespace snapshots sent.", total: c.snapshots)
        out.counter("vmsvc_coordinator_deltas_total", help: "Delta frames sent.", total: c.deltas)
        out.counter(
            "vmsvc_coordinator_changes_sent_total", help: "Object changes sent in deltas.", total: c.changesSent)
        out.counter("vmsvc_coordinator_resyncs_total", help: "Resynchronisations served.", total: c.resyncs)
        out.counter("vmsvc_coordinator_revokes_total", help: "Namespace revocations.", total: c.revokes)
        out.counter(
            "vmsvc_coordinator_back_pressure_pauses_total", help: "Times the watches paused for a backlogged worker.",
            total: c.backPressurePauses)
        out.counter("vmsvc_coordinator_stale_frames_total", help: "Frames of an ended ownership.", total: c.staleFrames)
        out.counter(
            "vmsvc_coordinator_superseded_frames_total",
            help: "Frames of a connection its worker replaced by reconnecting.", total: c.supersededFrames)
        out.counter(
            "vmsvc_coordinator_unknown_worker_frames_total", help: "Frames from a worker without a session.",
            total: c.unknownWorkerFrames)
        out.counter(
            "vmsvc_coordinator_unreachable_sends_total", help: "Messages to a worker that was not connected.",
            total: c.unreachableSends)
        for (reason, total) in c.rejectedFrames {
            out.counter(
                "vmsvc_coordinator_frames_rejected_total", help: "Frames dropped before use, by reason.",
                labels: [("reason", reason)], total: total)
        }
        for (reason, total) in c.peersRefused {
            out.counter(
                "vmsvc_shard_auth_rejected_total", help: "Shard peers refused by CURVE authentication, by reason.",
                labels: [("reason", reason)], total: total)
        }
        publishShards(o, to: out)
    }

    /// Who owns what, what waits for whom, and what is left out.
    private static func publishShards(_ o: CoordinatorObservation, to out: SnapshotPublisher) {
        var perWorker: [String: Int] = [:]
        for worker in o.queues.keys { perWorker[worker] = 0 }
        for ownership in o.assignments.values { perWorker[ownership.worker, default: 0] += 1 }
        for (worker, count) in perWorker {
            out.gauge(
                "vmsvc_namespaces_per_worker", help: "Namespaces owned by each worker.", labels: [("worker", worker)],
                value: Double(count))
        }
        out.gauge(
            "vmsvc_namespaces_assigned", help: "Namespaces with an owning worker.", value: Double(o.assignments.count))
        out.gauge(
            "vmsvc_namespaces_over_capacity", help: "Namespaces left unserved because every worker is full.",
            value: Double(o.namespacesOverCapacity))
        if let inScope = o.namespacesInScope {
            out.gauge(
                "vmsvc_namespaces_in_scope", help: "Namespaces matching --namespace-selector.", value: Double(inScope))
        }
        let scopeChanges = [("entered", o.counters.namespacesEnteredScope), ("left", o.counters.namespacesLeftScope)]
        for (direction, total) in scopeChanges {
            out.counter(
                "vmsvc_namespace_scope_changes_total",
                help: "Namespaces that entered or left the --namespace-selector scope.",
                labels: [("direction", direction)], total: total)
        }
        for (worker, queue) in o.queues {
            let stages = [("pending", queue.pendingChanges), ("in_flight", queue.framesInFlight)]
            for (stage, depth) in stages {
                out.gauge(
                    "vmsvc_coordinator_queue_depth",
                    help: "Per worker: changes waiting for credit (pending), frames not acknowledged (in_flight).",
                    labels: [("worker", worker), ("stage", stage)], value: Double(depth))
            }
        }
    }
}
