import KubeClient
import KubeModel

/// One change the churn makes to one VM: what it writes, the fleet model before and after,
/// and what the Endpoints must show once it has propagated.
struct ChurnChange: Sendable {
    var kind: ChurnKind
    var vm: VMKey
    /// nil for a create.
    var before: FleetVM?
    /// nil for a delete.
    var after: FleetVM?

    var expectations: [PropagationTracker.Expectation] {
        var out: [PropagationTracker.Expectation] = []
        if let before, before.service != after?.service || before.ip != after?.ip {
            out.append(.init(service: before.service, ip: before.ip, state: .absent))
        }
        if let after { out.append(.init(service: after.service, ip: after.ip, state: after.addressState)) }
        return out
    }

    /// Sends the change: one or two API writes.
    func write(with client: KubeClient) async throws {
        let resource = VirtualMachine.resource
        switch (before, after) {
        case (nil, let created?):
            _ = try await client.create(FleetObjects.virtualMachine(created), in: resource, namespace: vm.namespace)
            try await patchStatus(created, client)
        case (_?, nil):
            try await client.delete(resource, name: vm.name, namespace: vm.namespace)
        case (_, let changed?) where kind == .labelMove:
            _ = try await client.patch(
                resource, name: vm.name, namespace: vm.namespace,
                patch: .merge(["metadata": ["labels": FleetObjects.labels(changed)]]), as: JSONValue.self)
        case (_, let changed?):
            try await patchStatus(changed, client)
        case (nil, nil):
            return
        }
    }

    private func patchStatus(_ vm: FleetVM, _ client: KubeClient) async throws {
        _ = try await client.patch(
            VirtualMachine.resource, name: vm.name, namespace: vm.namespace, patch: .merge(FleetObjects.status(vm)),
            subresource: "status", as: JSONValue.self)
    }
}

extension FleetModel {
    /// Draws a change of `kind` to an idle VM, applies it to the model and claims the VM;
    /// nil when no idle VM fits after a few draws.
    mutating func plan(
        _ kind: ChurnKind, busy: BusyVMs, createNext: Bool, using rng: inout some RandomNumberGenerator
    ) -> ChurnChange? {
        if kind == .createDelete, createNext { return planCreate(busy: busy, using: &rng) }
        for _ in 0..<32 {
            guard count > 0 else { return nil }
            let position = Int.random(in: 0..<count, using: &rng)
            var vm = self[position]
            if kind == .readinessFlip, !vm.hasProbe { continue }
            if kind == .labelMove, shape.servicesPerNamespace < 2 { return nil }
            guard busy.claim(vm.key) else { continue }
            let before = vm
            switch kind {
            case .readinessFlip: vm.conditionReady.toggle()
            case .ipChange: vm.ip = allocateAddress()
            case .labelMove:
                vm.app = (vm.app + Int.random(in: 1..<shape.servicesPerNamespace, using: &rng)) % shape.servicesPerNamespace
            case .createDelete:
                remove(at: position)
                return ChurnChange(kind: kind, vm: vm.key, before: before, after: nil)
            }
            self[position] = vm
            return ChurnChange(kind: kind, vm: vm.key, before: before, after: vm)
        }
        return nil
    }

    private mutating func planCreate(busy: BusyVMs, using rng: inout some RandomNumberGenerator) -> ChurnChange? {
        let namespace = FleetModel.namespaceName(Int.random(in: 0..<shape.namespaces, using: &rng))
        let vm = FleetVM(
            namespace: namespace, name: churnVMName(), ip: allocateAddress(),
            app: Int.random(in: 0..<shape.servicesPerNamespace, using: &rng), hasProbe: true, conditionReady: true)
        guard busy.claim(vm.key) else { return nil }
        add(vm)
        return ChurnChange(kind: .createDelete, vm: vm.key, before: nil, after: vm)
    }

    /// Puts the model back as it was before a change whose write failed.
    mutating func revert(_ change: ChurnChange) {
        let position = self.position(of: change.vm)
        switch (change.before, position) {
        case (let before?, let position?): self[position] = before
        case (let before?, nil): add(before)
        case (nil, let position?): remove(at: position)
        case (nil, nil): break
        }
    }
}
