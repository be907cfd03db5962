import KubeModel

/// The whole reconcile algorithm of spec §3 as a pure function from what the worker knows to
/// the writes it must make (see `ReconcilePlan` for how the worker runs them).
public struct Reconciler: Sendable {
    public var options: ReconcileOptions
    public var provider: any LoadBalancerProvider

    public init(options: ReconcileOptions = ReconcileOptions(), provider: any LoadBalancerProvider = NoOpLoadBalancerProvider()) {
        self.options = options
        self.provider = provider
    }

    public func plan(_ input: ReconcileInput) throws -> ReconcilePlan {
        let original = input.vmService
        if original.metadata.isBeingDeleted { return try deletionPlan(input) }

        var vmService = original
        vmService.metadata.finalizers = Finalizers.ensured(original.metadata.finalizers ?? [])
        let errors = validate(vmService, old: nil, version: options.version)
        if !errors.isEmpty { return try invalidPlan(original, vmService, errors: errors, now: input.now) }

        if vmService.spec.effectiveType == ServiceType.loadBalancer {
            do {
                try provider.ensureLoadBalancer(for: vmService)
            } catch {
                return ReconcilePlan(
                    finalActions: try MetadataPatch.between(original, vmService), failure: "\(error)")
            }
            mergeProviderMetadata(into: &vmService)
        }

        var plan = ReconcilePlan(finalActions: try MetadataPatch.between(original, vmService))
        let decision = desiredService(for: vmService, stored: input.storedService, provider: provider, options: options)
        switch decision {
        case .create(let service):
            plan.serviceActions = [.createService(service), .event(.success(EventReason.createServiceSuccess))]
        case .patch(let stored, let desired):
            plan.serviceActions = [
                .patchService(patch: try MergePatch.between(stored, desired), expected: desired),
                .event(.success(EventReason.updateServiceSuccess)),
            ]
        case .unchanged:
            break
        case .conflict(let stored):
            plan.serviceActions = [.event(.conflict(stored))]
            return plan
        }
        guard let expected = decision.desired else { return plan }
        plan.endpointsPhase = EndpointsPhase(
            vmService: vmService, expectedService: expected, storedEndpoints: input.storedEndpoints,
            storedEndpointSlices: input.storedEndpointSlices, vms: input.vms, options: options, now: input.now)
        return plan
    }

    /// Spec §3 step 5: the provider's additions land on the VirtualMachineService itself.
    private func mergeProviderMetadata(into vmService: inout VirtualMachineService) {
        let annotations = provider.serviceAnnotations(for: vmService)
        let labels = provider.serviceLabels(for: vmService)
        if !annotations.isEmpty {
            vmService.metadata.annotations = (vmService.metadata.annotations ?? [:]).merging(annotations) { $1 }
        }
        if !labels.isEmpty {
            vmService.metadata.labels = (vmService.metadata.labels ?? [:]).merging(labels) { $1 }
        }
    }

    /// Spec §16.3: record why, keep the Service and Endpoints exactly as they are.
    private func invalidPlan(
        _ original: VirtualMachineService, _ vmService: VirtualMachineService, errors: [FieldError], now: Time
    ) throws -> ReconcilePlan {
        let message = validationReason(errors)
        var final = try MetadataPatch.between(original, vmService)
        if options.version.hasIPFamiliesAndConditions {
            var status = original.status ?? VirtualMachineServiceStatus()
            let condition = Condition(
                type: VMServiceConstants.validConditionType, status: "False",
                reason: EventReason.invalidVirtualMachineService, message: message)
            status.conditions = ConditionList.setting(condition, in: status.conditions ?? [], now: now)
            if let patch = try StatusPatch.between(original.status, status) { final.append(patch) }
        }
        return ReconcilePlan(
            serviceActions: [.event(.warning(EventReason.invalidVirtualMachineService, message))],
            finalActions: final)
    }

    /// Spec §7, with §16.4: children are deleted only when this object controls them, and
    /// the finalizers go last, so a failed delete keeps them for the retry.
    private func deletionPlan(_ input: ReconcileInput) throws -> ReconcilePlan {
        let vmService = input.vmService
        let finalizers = vmService.metadata.finalizers ?? []
        guard Finalizers.holdsDeletion(finalizers) else { return ReconcilePlan() }
        var actions: [ReconcileAction] = []
        if let endpoints = input.storedEndpoints, vmService.controls(endpoints.metadata) {
            actions.append(
                .deleteEndpoints(namespace: endpoints.namespace, name: endpoints.name, uid: endpoints.metadata.uid ?? ""))
        }
        if let service = input.storedService, vmService.controls(service.metadata) {
            actions.append(
                .deleteService(namespace: service.namespace, name: service.name, uid: service.metadata.uid ?? ""))
        }
        actions.append(.event(.success(EventReason.deleteServiceSuccess)))
        var released = vmService
        released.metadata.finalizers = Finalizers.released(finalizers)
        actions += try MetadataPatch.between(vmService, released)
        return ReconcilePlan(serviceActions: actions)
    }
}

/// The merge patch of a VirtualMachineService's labels, annotations and finalizers.
enum MetadataPatch {
    private struct Document: Encodable {
        var metadata: ObjectMeta
    }

    /// Zero or one action.
    static func between(_ stored: VirtualMachineService, _ desired: VirtualMachineService) throws -> [ReconcileAction] {
        guard CanonicalForm.needsWrite(stored: stored.metadata, desired: desired.metadata) else { return [] }
        return [.patchVirtualMachineService(patch: try MergePatch.between(document(stored), document(desired)))]
    }

    private static func document(_ vmService: VirtualMachineService) -> Document {
        let meta = vmService.metadata
        return Document(
            metadata: ObjectMeta(labels: meta.labels, annotations: meta.annotations, finalizers: meta.finalizers))
    }
}
