import Observability
import Worker

/// The worker's counters under their /metrics names. Every series carries the worker id,
/// so `vmsvc run` with several workers exports one series per worker.
enum WorkerMetricsExport {
    static func publish(
        _ m: WorkerMetrics, gauges g: WorkerGauges, transport: ShardClientCounters, worker: String,
        to out: SnapshotPublisher
    ) {
        let id = ("worker", worker)
        out.gauge(
            "vmsvc_worker_namespaces", help: "Namespaces this worker owns.", labels: [id], value: Double(g.namespaces))
        out.gauge(
            "vmsvc_worker_namespaces_awaiting_snapshot", help: "Owned namespaces without a usable snapshot yet.",
            labels: [id], value: Double(g.namespacesAwaitingSnapshot))
        let stages = [
            ("held", g.servicesHeld), ("waiting", g.servicesWaiting), ("syncing", g.servicesSyncing),
            ("backoff", g.servicesInBackoff),
        ]
        for (stage, depth) in stages {
            out.gauge(
                "vmsvc_worker_queue_depth", help: "Services queued in the worker, by stage.",
                labels: [id, ("stage", stage)], value: Double(depth))
        }
        for (kind, total) in m.inputs {
            out.counter(
                "vmsvc_worker_inputs_total", help: "Shard inputs handled, by kind.", labels: [id, ("kind", kind)],
                total: total)
        }
        out.counter(
            "vmsvc_events_received_total", help: "Object changes received in deltas.", labels: [id],
            total: m.changesReceived)
        out.counter(
            "vmsvc_worker_stale_inputs_total", help: "Inputs dropped for a stale epoch or unknown namespace.",
            labels: [id], total: m.staleInputs)
        out.counter(
            "vmsvc_worker_resync_requests_total", help: "Resynchronisations asked of the coordinator.", labels: [id],
            total: m.resyncRequests)
        out.counter(
            "vmsvc_dirty_services_total", help: "Services marked dirty, before coalescing.", labels: [id],
            total: m.dirtyServices)
        out.counter(
            "vmsvc_batches_total", help: "Groups of dirty services made ready to sync together.", labels: [id],
            total: m.batches)
        out.counter(
            "vmsvc_batched_services_total", help: "Services made ready to sync, after coalescing.", labels: [id],
            total: m.batchedServices)
        out.gauge("vmsvc_batch_size_max", help: "Largest batch so far.", labels: [id], value: Double(m.largestBatch))
        for (result, total) in [("ok", m.syncs - m.failedSyncs), ("error", m.failedSyncs)] {
            out.counter(
                "vmsvc_syncs_total", help: "Reconcile passes, by result.", labels: [id, ("result", result)],
                total: total)
        }
        out.counter("vmsvc_retries_total", help: "Passes retried after a failure.", labels: [id], total: m.retries)
        for (write, total) in m.writes {
            out.counter(
                "vmsvc_writes_total", help: "API writes, by kind and result.",
                labels: [id, ("kind", write.kind), ("result", write.succeeded ? "ok" : "error")], total: total)
        }
        let events = [
            ("create", m.eventsCreated), ("series_update", m.eventSeriesUpdates), ("suppressed", m.eventsSuppressed),
        ]
        for (action, total) in events {
            out.counter(
                "vmsvc_kube_events_total", help: "Kubernetes Events written, by action.",
                labels: [id, ("action", action)], total: total)
        }
        for (reason, total) in transport.rejectedFrames {
            out.counter(
                "vmsvc_worker_frames_rejected_total", help: "Malformed frames, by reason.",
                labels: [id, ("reason", reason)], total: total)
        }
        for (reason, total) in transport.droppedFrames {
            out.counter(
                "vmsvc_worker_frames_dropped_total", help: "Frames not applied, by reason.",
                labels: [id, ("reason", reason)], total: total)
        }
        out.counter(
            "vmsvc_worker_sequence_gaps_total", help: "Sequence gaps seen (each asks for a resync).", labels: [id],
            total: transport.sequenceGaps)
        out.counter(
            "vmsvc_worker_reconnects_total", help: "Connections rebuilt after the coordinator fell silent.",
            labels: [id], total: transport.reconnects)
    }
}
