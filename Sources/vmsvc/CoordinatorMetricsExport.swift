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
        let dropped = "Watch events dropped before reaching a worker, by reason."
        out.counter(
            "vmsvc_events_dropped_total", help: dropped, labels: [("reason", "irrelevant_vm_update")],
            total: o.cache.droppedVMUpdates)
        out.counter(
            "vmsvc_events_dropped_total", help: dropped, labels: [("reason", "unwatched_child")],
            total: o.cache.ignoredChildUpdates)
        out.counter(
            "vmsvc_events_dropped_total", help: dropped, labels: [("reason", "malformed")],
            total: o.cache.malformedObjects)
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
        for (reason, total) in c.rejectedFrames {
            out.counter(
                "vmsvc_coordinator_frames_rejected_total", help: "Frames dropped before use, by reason.",
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
        let scope = "Namespaces that entered or left the --namespace-selector scope."
        out.counter(
            "vmsvc_namespace_scope_changes_total", help: scope, labels: [("direction", "entered")],
            total: o.counters.namespacesEnteredScope)
        out.counter(
            "vmsvc_namespace_scope_changes_total", help: scope, labels: [("direction", "left")],
            total: o.counters.namespacesLeftScope)
        for (worker, queue) in o.queues {
            let stages = [("pending", queue.pendingChanges), ("in_flight", queue.framesInFlight)]
            for (stage, depth) in stages {
                out.gauge(
                    "vmsvc_coordinator_queue_depth",
                    help: "Per worker: changes waiting for credit (pending) and frames not yet acknowledged (in_flight).",
                    labels: [("worker", worker), ("stage", stage)], value: Double(depth))
            }
        }
    }
}
