import Observability
import ReferenceController

/// The reference controller's counters under /metrics names. Write and reconcile counts use
/// vmsvc's own names with `worker="reference"`, so one query sums either operator.
enum ReferenceMetricsExport {
    static func publish(_ controller: ReferenceController, to out: SnapshotPublisher) async {
        let m = controller.metrics.snapshot
        let id = ("worker", "reference")
        for (result, total) in [("ok", m.reconciles - m.failedReconciles), ("error", m.failedReconciles)] {
            out.counter(
                "vmsvc_syncs_total", help: "Reconcile passes, by result.", labels: [id, ("result", result)],
                total: total)
        }
        for (write, total) in m.writes {
            out.counter(
                "vmsvc_writes_total", help: "API writes, by kind and result.",
                labels: [id, ("kind", write.kind), ("result", write.succeeded ? "ok" : "error")], total: total)
        }
        for (kind, total) in m.watchEvents {
            out.counter(
                "vmsvc_reference_watch_events_total", help: "Watch events handled, by kind.",
                labels: [id, ("kind", kind)], total: total)
        }
        out.counter(
            "vmsvc_reference_enqueued_total", help: "Keys added to the work queue, before de-duplication.",
            labels: [id], total: m.enqueued)
        out.counter(
            "vmsvc_kube_events_total", help: "Kubernetes Events written, by action.",
            labels: [id, ("action", "create")], total: m.eventsCreated)
        out.gauge(
            "vmsvc_worker_queue_depth", help: "Keys waiting in the work queue.", labels: [id, ("stage", "waiting")],
            value: Double(await controller.queue.depth))
    }
}
