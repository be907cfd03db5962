import KubeClient
import KubeModel
import VMServiceCore

/// Stands in for the worker in these tests: runs one reconcile pass per VirtualMachineService
/// against the API, in the order `ReconcilePlan` prescribes, so the cluster holds exactly what
/// the controller would write. Events are not recorded; deletes are not needed here.
struct PlanRunner {
    let client: KubeClient
    let reconciler: Reconciler

    func converge(_ state: () async throws -> [ReconcileInput]) async throws {
        for input in try await state() {
            try await run(try reconciler.plan(input), input)
        }
    }

    private func run(_ plan: ReconcilePlan, _ input: ReconcileInput) async throws {
        var returned: Service?
        for action in plan.serviceActions { returned = try await perform(action, input) ?? returned }
        if let phase = plan.endpointsPhase {
            for action in try phase.actions(service: returned) { _ = try await perform(action, input) }
        }
        for action in plan.finalActions { _ = try await perform(action, input) }
    }

    /// The Service the API returned, for Service writes.
    private func perform(_ action: ReconcileAction, _ input: ReconcileInput) async throws -> Service? {
        let namespace = input.vmService.namespace
        let name = input.vmService.name
        let vmServices = VirtualMachineService.resource(version: reconciler.options.version)
        switch action {
        case .createService(let service):
            return try await client.create(service)
        case .patchService(let patch, _):
            return try await client.patch(Service.self, name: name, namespace: namespace, patch: .merge(patch))
        case .createEndpoints(let endpoints):
            _ = try await client.create(endpoints)
        case .patchEndpoints(let patch, _):
            _ = try await client.patch(Endpoints.self, name: name, namespace: namespace, patch: .merge(patch))
        case .patchVirtualMachineService(let patch):
            _ = try await client.patch(
                vmServices, name: name, namespace: namespace, patch: .merge(patch), as: VirtualMachineService.self)
        case .patchVirtualMachineServiceStatus(let patch, _):
            _ = try await client.patch(
                vmServices, name: name, namespace: namespace, patch: .merge(patch), subresource: "status",
                as: VirtualMachineService.self)
        case .createEndpointSlice(let slice):
            _ = try await client.create(slice)
        case .patchEndpointSlice(let sliceName, let patch, _):
            _ = try await client.patch(EndpointSlice.self, name: sliceName, namespace: namespace, patch: .merge(patch))
        case .deleteEndpointSlice(_, let sliceName, _):
            try await client.delete(EndpointSlice.self, name: sliceName, namespace: namespace)
        case .deleteService, .deleteEndpoints, .event:
            break
        }
        return nil
    }
}
