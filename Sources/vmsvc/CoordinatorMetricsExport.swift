import Coordinator
import Observability

/// The coordinator's counters under their /metrics names.
enum CoordinatorMetricsExport {
    static func publish(
        _ c: CoordinatorCounters, cache: ClusterCache.Counters, assignments: [String: ShardMap.Ownership],
        to out: SnapshotPublisher
    ) {
        let dropped = "Watch events dropped before reaching a worker, by reason."
        out.counter(
            "vmsvc_events_dropped_total", help: dropped, labels: [("reason", "irrelevant_vm_update")],
            total: cache.droppedVMUpdates)
        out.counter(
            "vmsvc_events_dropped_total", help: dropped, labels: [("reason", "unwatched_child")],
            total: cache.ignoredChildUpdates)
        out.counter(
            "vmsvc_events_dropped_total", help: dropped, labels: [("reason", "malformed")],
            total: cache.malformedObjects)
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
        var perWorker: [String: Int] = [:]
        for ownership in assignments.values { perWorker[ownership.worker, default: 0] += 1 }
        for (worker, count) in perWorker {
            out.gauge(
                "vmsvc_namespaces_per_worker", help: "Namespaces owned by each worker.", labels: [("worker", worker)],
                value: Double(count))
        }
        out.gauge(
            "vmsvc_namespaces_assigned", help: "Namespaces with an owning worker.", value: Double(assignments.count))
    }
}
