import Foundation
import KubeModel
import Logging
import VMServiceCore

/// One reconcile of one VirtualMachineService, step by step as spec §3 describes the
/// reference: everything read from the informer caches, the Service and then the Endpoints
/// created or patched one after the other, the VirtualMachineService's own changes (finalizer,
/// status) written back at the end whatever happened before. The desired objects come from
/// VMServiceCore's `desiredService`, `desiredEndpoints` and `desiredStatus`, so the final
/// state is the one vmsvc converges to; how and how often it is written is the reference's.
struct ReferenceReconciler: Sendable {
    let caches: Caches
    let writer: ReferenceWriter
    let options: ReconcileOptions
    let provider: any LoadBalancerProvider

    /// Throws the first error, after the write-back (the work queue then retries the key).
    func reconcile(namespace: String, name: String) async throws {
        guard let original = caches.vmServices.get(namespace: namespace, name: name) else { return }
        if original.metadata.isBeingDeleted {
            try await finalize(original)
            return
        }
        var vmService = original
        vmService.metadata.finalizers = Finalizers.ensured(original.metadata.finalizers ?? [])
        var failure: (any Error)?
        do {
            try await reconcileChildren(&vmService)
        } catch {
            failure = error
        }
        do {
            try await writeBack(original: original, modified: vmService)
        } catch {
            failure = failure ?? error
        }
        if let failure { throw failure }
    }

    /// Spec §3 steps 5–8: load balancer, Service, Endpoints, status (into `vmService`).
    private func reconcileChildren(_ vmService: inout VirtualMachineService) async throws {
        let errors = validate(vmService, old: nil, version: options.version)
        if !errors.isEmpty {
            // Spec §16.3 (a project decision; the reference relies on its webhook): the
            // children stay as they are.
            writer.record(
                ReconcileEvent(
                    type: EventType.warning, reason: EventReason.invalidVirtualMachineService,
                    message: validationReason(errors)),
                about: vmService)
            return
        }
        if vmService.spec.effectiveType == ServiceType.loadBalancer {
            try provider.ensureLoadBalancer(for: vmService)
            mergeProviderMetadata(into: &vmService)
        }
        let namespace = vmService.namespace
        let serviceDecision = desiredService(
            for: vmService, stored: caches.services.get(namespace: namespace, name: vmService.name),
            provider: provider, options: options)
        guard let desired = serviceDecision.desired else { return conflict(serviceDecision, vmService) }
        let (service, operation) = try await writer.createOrPatch(
            stored: caches.services.get(namespace: namespace, name: vmService.name), desired: desired)
        switch operation {
        case .created: writer.record(success(EventReason.createServiceSuccess), about: vmService)
        case .updated: writer.record(success(EventReason.updateServiceSuccess), about: vmService)
        case .unchanged: break
        }

        if let selector = vmService.spec.selector, !selector.isEmpty {
            let vms = caches.vms(in: namespace, matching: selector).map(VMProjection.init)
            let stored = caches.endpoints.get(namespace: namespace, name: vmService.name)
            if let result = desiredEndpoints(
                for: vmService, service: service, vms: vms, stored: stored, options: options)
            {
                guard let endpoints = result.desired else { return conflict(result.decision, vmService) }
                _ = try await writer.createOrPatch(stored: stored, desired: endpoints)
            }
        }
        let now = Time(secondsSince1970: Int64(Date().timeIntervalSince1970))
        vmService.status = desiredStatus(for: vmService, service: service, options: options, now: now)
    }

    /// Spec §3 step 2: the differences this pass made to the VirtualMachineService, as a
    /// merge patch of its metadata and one of its status (each only when it changed).
    private func writeBack(original: VirtualMachineService, modified: VirtualMachineService) async throws {
        if let patch = try ObjectDiff.mergePatch(
            from: MetadataDocument(original.metadata), to: MetadataDocument(modified.metadata))
        {
            try await writer.patchVirtualMachineService(modified, patch: patch)
        }
        let empty = VirtualMachineServiceStatus()
        if let patch = try ObjectDiff.mergePatch(from: original.status ?? empty, to: modified.status ?? empty) {
            try await writer.patchVirtualMachineService(
                modified, patch: .object(["status": patch]), subresource: "status")
        }
    }

    /// Spec §7 with §16.4: delete the children this object controls, then release it.
    private func finalize(_ vmService: VirtualMachineService) async throws {
        let finalizers = vmService.metadata.finalizers ?? []
        guard Finalizers.holdsDeletion(finalizers) else { return }
        let (namespace, name) = (vmService.namespace, vmService.name)
        if let endpoints = caches.endpoints.get(namespace: namespace, name: name), controls(vmService, endpoints) {
            try await writer.delete(endpoints)
        }
        if let service = caches.services.get(namespace: namespace, name: name), controls(vmService, service) {
            try await writer.delete(service)
        }
        writer.record(success(EventReason.deleteServiceSuccess), about: vmService)
        var released = vmService
        released.metadata.finalizers = Finalizers.released(finalizers)
        try await writeBack(original: vmService, modified: released)
    }

    private func controls<Child: KubernetesObject>(_ vmService: VirtualMachineService, _ child: Child) -> Bool {
        guard let uid = vmService.metadata.uid, !uid.isEmpty else { return false }
        return child.metadata.controllerReference?.uid == uid
    }

    /// Spec §16.4: a same-name object someone else controls is left alone; the pass ends.
    private func conflict<Object: KubernetesObject>(_ decision: WriteDecision<Object>, _ vmService: VirtualMachineService) {
        guard case .conflict(let stored) = decision else { return }
        writer.record(
            ReconcileEvent(
                type: EventType.warning, reason: EventReason.serviceConflict,
                message: "\(Object.resource.kind) \(stored.key) is not controlled by this VirtualMachineService"),
            about: vmService)
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

    /// The reference's success events: reason = operation + `Success`, message = operation + ` success`.
    private func success(_ reason: String) -> ReconcileEvent {
        ReconcileEvent(
            type: EventType.normal, reason: reason, message: String(reason.dropLast("Success".count)) + " success")
    }
}

/// The part of a VirtualMachineService's metadata a reconcile may change.
private struct MetadataDocument: Encodable {
    var metadata: ObjectMeta

    init(_ meta: ObjectMeta) {
        metadata = ObjectMeta(labels: meta.labels, annotations: meta.annotations, finalizers: meta.finalizers)
    }
}
