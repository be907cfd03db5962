import KubeModel
import Logging
import VMServiceCore

/// Brings one service's Service, Endpoints and status in line with its desired state: the
/// worker-side half of spec §3, around the pure `Reconciler`.
///
/// A pass runs isolated to its `Worker`: it reads the shard in place, and between
/// two writes it re-checks that the namespace is still ours, so a revoked namespace gets no
/// further write and the answers of writes that were in flight are dropped. While a write
/// is awaited, the worker goes on handling inputs and other services.
struct ServiceSyncer: Sendable {
    let reconciler: Reconciler
    let writer: any KubeWriter
    let logger: Logger

    func sync<C: Clock>(_ key: ServiceKey, epoch: UInt64, in worker: isolated Worker<C>) async -> SyncOutcome
    where C.Duration == Duration {
        guard let input = worker.reconcileInput(for: key, epoch: epoch) else { return .skipped }
        let plan: ReconcilePlan
        do {
            plan = try reconciler.plan(input)
        } catch {
            return .failed("planning failed: \(error)")
        }
        var pass = ReconcilePass(
            key: key, epoch: epoch, writer: writer, logger: logger,
            regarding: reference(to: input.vmService, version: reconciler.options.version))

        // Phase 1: the Service (or the deletion flow), stopping at the first failure.
        var failure = plan.failure
        if failure == nil { failure = await pass.run(plan.serviceActions, in: worker) }
        // Phase 2: Endpoints and status, from the Service as the API server returned it.
        if failure == nil, let phase = plan.endpointsPhase {
            do {
                failure = await pass.run(try phase.actions(service: pass.returnedService), in: worker)
            } catch {
                failure = "planning endpoints failed: \(error)"
            }
        }
        // Spec §3 step 2: the VirtualMachineService's own metadata is written whatever happened.
        let finalFailure = await pass.run(plan.finalActions, in: worker)

        if pass.abandoned { return .skipped }
        if let reason = failure ?? finalFailure { return .failed(reason) }
        return .synced
    }

    private func reference(
        to vmService: VirtualMachineService, version: VirtualMachineService.APIVersion
    )
        -> ObjectReference
    {
        ObjectReference(
            apiVersion: VirtualMachineService.resource(version: version).apiVersion,
            kind: VirtualMachineService.resource.kind, namespace: vmService.metadata.namespace,
            name: vmService.metadata.name, uid: vmService.metadata.uid,
            resourceVersion: vmService.metadata.resourceVersion)
    }
}
