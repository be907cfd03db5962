import KubeClient
import KubeModel

/// Puts the fleet into the cluster through the API, as users and VM Operator would: the
/// namespaces, the VirtualMachineServices, then each VM (create, then its status).
struct FleetSeeder: Sendable {
    let client: KubeClient
    /// Requests in flight at once.
    var concurrency = 32

    func seed(_ fleet: FleetModel, progress: @escaping @Sendable (String, Int, Int) async -> Void) async throws {
        try await forEach(fleet.namespaces, phase: "namespaces", progress: progress) { name in
            _ = try await client.create(FleetObjects.namespace(name), in: Namespace.resource)
        }
        try await forEach(fleet.services, phase: "services", progress: progress) { service in
            _ = try await client.create(
                FleetObjects.service(service), in: VirtualMachineService.resource, namespace: service.namespace)
        }
        try await forEach(fleet.vms, phase: "VMs", progress: progress) { vm in
            _ = try await client.create(FleetObjects.virtualMachine(vm), in: VirtualMachine.resource, namespace: vm.namespace)
            _ = try await client.patch(
                VirtualMachine.resource, name: vm.name, namespace: vm.namespace, patch: .merge(FleetObjects.status(vm)),
                subresource: "status", as: JSONValue.self)
        }
    }

    /// Runs `body` over the items with `concurrency` at a time; the first error ends it.
    private func forEach<Item: Sendable>(
        _ items: [Item], phase: String, progress: @Sendable (String, Int, Int) async -> Void,
        _ body: @escaping @Sendable (Item) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var done = 0
            for (index, item) in items.enumerated() {
                if index >= concurrency {
                    try await group.next()
                    done += 1
                    if done % 200 == 0 { await progress(phase, done, items.count) }
                }
                group.addTask { try await body(item) }
            }
            try await group.waitForAll()
            await progress(phase, items.count, items.count)
        }
    }
}
