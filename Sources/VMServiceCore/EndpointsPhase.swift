import KubeModel

/// The second phase of a pass (see `ReconcilePlan`): Endpoints and status, computed from the
/// Service the API server returned.
public struct EndpointsPhase: Sendable, Hashable {
    /// The VirtualMachineService as this pass persists it.
    public var vmService: VirtualMachineService
    /// The Service as expected after phase 1 (the stored one when phase 1 wrote nothing).
    public var expectedService: Service
    public var storedEndpoints: Endpoints?
    public var storedEndpointSlices: [EndpointSlice] = []
    public var vms: [VMProjection]
    public var options: ReconcileOptions
    public var now: Time

    /// - Parameter service: the Service the API returned from phase 1's write; nil when phase
    ///   1 wrote nothing.
    public func actions(service: Service? = nil) throws -> [ReconcileAction] {
        let service = service ?? expectedService
        var actions: [ReconcileAction] = []
        if !options.endpointsMode.writesEndpoints {
            actions += leftoverEndpointsDeletion()
        } else if let result = desiredEndpoints(
            for: vmService, service: service, vms: vms, stored: storedEndpoints, options: options)
        {
            actions += result.droppedAddresses.map {
                .event(.warning(EventReason.invalidEndpointAddress, $0.message))
            }
            switch result.decision {
            case .create(let endpoints):
                actions.append(.createEndpoints(endpoints))
            case .patch(let stored, let desired):
                actions.append(.patchEndpoints(patch: try MergePatch.between(stored, desired), expected: desired))
            case .unchanged:
                break
            case .conflict(let stored):
                // Spec §16.4: as with a failed Endpoints write, the pass ends here.
                actions.append(.event(.conflict(stored)))
                return actions
            }
        }
        if let result = desiredEndpointSlices(
            for: vmService, service: service, vms: vms, stored: storedEndpointSlices, storedEndpoints: storedEndpoints,
            options: options)
        {
            // In `both` mode the Endpoints already reported the same dropped addresses.
            if !options.endpointsMode.writesEndpoints {
                actions += result.droppedAddresses.map {
                    .event(.warning(EventReason.invalidEndpointAddress, $0.message))
                }
            }
            actions += try result.changes.actions()
        }
        let status = desiredStatus(for: vmService, service: service, options: options, now: now)
        if let patch = try StatusPatch.between(vmService.status, status) { actions.append(patch) }
        return actions
    }
}

extension EndpointsPhase {
    /// Without Endpoints in the mode, an Endpoints object left by an earlier mode would go
    /// stale: it is deleted when this VirtualMachineService controls it and manages its
    /// endpoints (a selectorless one's Endpoints belong to the user, spec §8).
    fileprivate func leftoverEndpointsDeletion() -> [ReconcileAction] {
        guard !vmService.spec.isSelectorless, let endpoints = storedEndpoints, vmService.controls(endpoints.metadata)
        else { return [] }
        return [.deleteEndpoints(namespace: endpoints.namespace, name: endpoints.name, uid: endpoints.metadata.uid ?? "")]
    }
}

/// The status subresource patch, when the status changes in canonical form.
enum StatusPatch {
    private struct Document: Encodable {
        var status: VirtualMachineServiceStatus?
    }

    static func between(_ stored: VirtualMachineServiceStatus?, _ desired: VirtualMachineServiceStatus?) throws
        -> ReconcileAction?
    {
        guard CanonicalForm.needsWrite(stored: stored, desired: desired) else { return nil }
        let patch = try MergePatch.between(Document(status: stored), Document(status: desired))
        return .patchVirtualMachineServiceStatus(patch: patch, expected: desired)
    }
}

extension ReconcileEvent {
    /// Spec §16.4: a same-name object this VirtualMachineService does not control.
    static func conflict<Object: KubernetesObject>(_ stored: Object) -> ReconcileEvent {
        let owner = stored.metadata.controllerReference.map { "\($0.kind) \($0.name) (uid \($0.uid))" }
        return .warning(
            EventReason.serviceConflict,
            "\(Object.resource.kind) \(stored.key) already exists and is controlled by "
                + "\(owner ?? "nothing") instead of this VirtualMachineService; leaving it untouched")
    }
}
