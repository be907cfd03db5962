import KubeModel
import VMServiceCore

/// Turns the writes of a reconcile plan into discrepancies: each write says what the
/// cluster should hold (`expected`), the input says what it holds (`actual`).
struct PlanExplainer {
    var input: ReconcileInput
    var vmService: Subject
    var service: Subject
    var endpoints: Subject

    init(input: ReconcileInput) {
        self.input = input
        let meta = input.vmService.metadata
        let namespace = meta.namespace ?? ""
        let name = meta.name ?? ""
        vmService = Subject(namespace: namespace, name: name, kind: "VirtualMachineService")
        service = Subject(namespace: namespace, name: name, kind: "Service")
        endpoints = Subject(namespace: namespace, name: name, kind: "Endpoints")
    }

    func explain(_ action: ReconcileAction) -> [Discrepancy] {
        switch action {
        case .createService:
            return [service.discrepancy("object", expected: "present", actual: Discrepancy.absent)]
        case .patchService(_, let expected):
            return service.discrepancies(
                FieldDifference.between(
                    actual: FieldDifference.json(input.storedService), expected: FieldDifference.json(expected)))
        case .createEndpoints:
            return [endpoints.discrepancy("object", expected: "present", actual: Discrepancy.absent)]
        case .patchEndpoints(_, let expected):
            guard let stored = input.storedEndpoints else { return [] }
            return EndpointsDifference.between(actual: stored, expected: expected, subject: endpoints)
        case .deleteEndpoints:
            return [endpoints.discrepancy("object", expected: Discrepancy.absent, actual: "present")]
        case .deleteService:
            return [service.discrepancy("object", expected: Discrepancy.absent, actual: "present")]
        case .createEndpointSlice(let slice):
            return EndpointSliceDifference.between(
                actual: nil, expected: slice, subject: slices(named: "new \(slice.addressType) slice"))
        case .patchEndpointSlice(let name, _, let expected):
            let stored = input.storedEndpointSlices.first { $0.metadata.name == name }
            return EndpointSliceDifference.between(actual: stored, expected: expected, subject: slices(named: name))
        case .deleteEndpointSlice(_, let name, _):
            return [slices(named: name).discrepancy("object", expected: Discrepancy.absent, actual: "present")]
        case .patchVirtualMachineService(let patch):
            guard let stored = FieldDifference.json(input.vmService) else { return [] }
            let patched = JSONMergePatch.apply(patch, to: stored)
            return vmService.discrepancies(
                FieldDifference.between(actual: stored["metadata"], expected: patched["metadata"], path: "metadata"))
        case .patchVirtualMachineServiceStatus(_, let expected):
            return vmService.discrepancies(
                FieldDifference.between(
                    actual: FieldDifference.json(input.vmService.status), expected: FieldDifference.json(expected),
                    path: "status"))
        case .event:
            return []
        }
    }

    /// An EndpointSlice of this VirtualMachineService (`name` is the slice's).
    private func slices(named name: String) -> Subject {
        Subject(namespace: vmService.namespace, name: name, kind: "EndpointSlice")
    }

    /// While the Service is still to be created: the Endpoints must at least exist (when the
    /// mode writes them; the slices depend on the Service's address families).
    func missingEndpoints(_ phase: EndpointsPhase) -> [Discrepancy] {
        guard input.storedEndpoints == nil, !phase.vmService.spec.isSelectorless,
            phase.options.endpointsMode.writesEndpoints
        else { return [] }
        return [endpoints.discrepancy("object", expected: "present", actual: Discrepancy.absent)]
    }
}
