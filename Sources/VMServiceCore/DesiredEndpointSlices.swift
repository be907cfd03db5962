import KubeModel

/// The slice writes of a VirtualMachineService and the addresses left out of its slices.
public struct EndpointSliceResult: Sendable, Hashable {
    public var changes: EndpointSliceChanges
    /// Addresses refused by spec §16.7 (the same rules as for the Endpoints).
    public var droppedAddresses: [DroppedAddress]
}

/// The EndpointSlice writes for a VirtualMachineService; nil when it is selectorless (its
/// endpoints are not managed at all, spec §8).
///
/// One address family per slice, in the Service's `ipFamilies` (so a dual-stack Service gets
/// IPv4 and IPv6 slices); at most `options.maxEndpointsPerSlice` endpoints per slice; no slice
/// at all when there is no endpoint (Kubernetes keeps an empty placeholder slice, which would
/// cost a write per empty service and tells no consumer anything the Service does not).
/// When the mode does not write slices, every slice the VirtualMachineService controls is
/// deleted. Slices controlled by another object are never touched (spec §16.4); on deletion of
/// the VirtualMachineService its slices go with it through their owner reference.
///
/// - Parameters:
///   - stored: the slices labelled with this service's name and managed by us, as stored.
///   - storedEndpoints: its Endpoints, the other memory of readiness (spec §5.5 row 3).
public func desiredEndpointSlices(
    for vmService: VirtualMachineService, service: Service, vms: [VMProjection], stored: [EndpointSlice],
    storedEndpoints: Endpoints?, options: ReconcileOptions
) -> EndpointSliceResult? {
    guard let selector = vmService.spec.selector, !selector.isEmpty else { return nil }
    let namespace = vmService.metadata.namespace ?? ""
    let name = vmService.metadata.name ?? ""
    let ours = stored.filter { slice in
        vmService.controls(slice.metadata) && slice.metadata.namespace == namespace
            && slice.metadata.labels?[EndpointSlice.serviceNameLabel] == name
            && slice.metadata.labels?[EndpointSlice.managedByLabel] == EndpointSliceConstants.managerName
    }
    let families = options.endpointsMode.writesEndpointSlices ? service.spec?.ipFamilies ?? [] : []
    var collector = EndpointSliceEndpoints(
        allowedFamilies: families,
        previouslyReady: EndpointSlice.readyTargetUIDs(of: ours).union(readyTargetUIDs(of: storedEndpoints)),
        vmAPIVersion: options.virtualMachineAPIVersion)
    for vm in vms where vm.namespace == namespace && selector.allSatisfy({ vm.labels[$0.key] == $0.value }) {
        collector.add(vm)
    }

    let reconciler = EndpointSliceReconciler(
        capacity: options.maxEndpointsPerSlice,
        template: EndpointSliceTemplate(vmService: vmService, service: service, options: options))
    let storedByFamily = Dictionary(grouping: ours, by: \.addressType)
    var changes = EndpointSliceChanges()
    for family in Set(families).union(storedByFamily.keys).sorted() {
        changes.append(
            reconciler.reconcile(
                family: family, desired: collector.byFamily[family] ?? [:], stored: storedByFamily[family] ?? []))
    }
    return EndpointSliceResult(
        changes: changes,
        droppedAddresses: collector.dropped.sorted { ($0.vmName, $0.ip) < ($1.vmName, $1.ip) })
}
