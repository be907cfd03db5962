import KubeModel
import VMServiceCore

/// Checks a cluster against what the controller would make of it.
///
/// It asks the worker's own `Reconciler` (same options, same provider) to plan a pass over
/// each VirtualMachineService as the cluster holds it, and reports every write that plan
/// contains: a converged cluster is exactly one where the controller has nothing left to
/// write. Nothing about the desired state is computed here; this file only explains the
/// writes in terms of fields.
public struct ClusterVerifier: Sendable {
    public var reconciler: Reconciler

    public init(reconciler: Reconciler) {
        self.reconciler = reconciler
    }

    /// - Parameter now: stamps conditions the plan would change (it shows in `expected` only).
    public func verify(_ state: ClusterState, now: Time) -> VerifyReport {
        var report = VerifyReport()
        for input in state.reconcileInputs(now: now) {
            report.checked += 1
            if isInvalid(input.vmService) {
                // Spec §16.3: an invalid object's children are left exactly as they were, so
                // there is nothing to expect of them.
                report.invalid += 1
                continue
            }
            report.discrepancies += discrepancies(of: input)
        }
        return report
    }

    /// What the worker does first: a pass over an object being deleted releases it, and
    /// validation runs only on the others.
    private func isInvalid(_ vmService: VirtualMachineService) -> Bool {
        !vmService.metadata.isBeingDeleted
            && !validate(vmService, old: nil, version: reconciler.options.version).isEmpty
    }

    private func discrepancies(of input: ReconcileInput) -> [Discrepancy] {
        let explainer = PlanExplainer(input: input)
        do {
            let plan = try reconciler.plan(input)
            var found = (plan.serviceActions + plan.finalActions).flatMap(explainer.explain)
            if let failure = plan.failure {
                found.append(explainer.vmService.discrepancy("reconcile", expected: "success", actual: failure))
            }
            guard let phase = plan.endpointsPhase else { return found }
            if input.storedService == nil {
                // The Endpoints and status follow from the Service as the API server will
                // store it (its defaulted ipFamilies); until it exists only their existence
                // can be expected.
                return found + explainer.missingEndpoints(phase)
            }
            return found + (try phase.actions()).flatMap(explainer.explain)
        } catch {
            return [explainer.vmService.discrepancy("reconcile", expected: "a plan", actual: "\(error)")]
        }
    }
}
