import KubeModel

/// The Endpoints of a VirtualMachineService and what was left out of them.
public struct EndpointsResult: Sendable, Hashable {
    public var decision: WriteDecision<Endpoints>
    /// Addresses refused by spec §16.7, one Warning Event each.
    public var droppedAddresses: [DroppedAddress]
    /// More than `Endpoints.maxAddresses` addresses were found (spec §16.11).
    public var isTruncated: Bool

    /// The Endpoints as they will be stored (nil for a conflict).
    public var desired: Endpoints? { decision.desired }
}

/// The Endpoints of a VirtualMachineService (spec §5 with §16.7, §16.9–§16.11); nil when the
/// VirtualMachineService is selectorless, whose Endpoints are not managed at all (spec §8).
///
/// - Parameters:
///   - service: the Service as the API server returned it (its stored `ipFamilies` and
///     `ports`, including defaults, decide the addresses and ports).
///   - vms: the VMs the selector matched; VMs of other namespaces or not matching are ignored.
///   - stored: the stored Endpoints: the object to patch, and the memory of readiness for a
///     VM whose probe has not reported yet (spec §5.5 row 3).
public func desiredEndpoints(
    for vmService: VirtualMachineService, service: Service, vms: [VMProjection], stored: Endpoints?,
    options: ReconcileOptions
) -> EndpointsResult? {
    guard let selector = vmService.spec.selector, !selector.isEmpty else { return nil }
    let namespace = vmService.metadata.namespace ?? ""
    let selected = vms.filter { vm in
        vm.namespace == namespace && selector.allSatisfy { vm.labels[$0.key] == $0.value }
    }
    var collector = AddressCollector(
        allowedFamilies: Set(service.spec?.ipFamilies ?? []),
        previouslyReady: readyTargetUIDs(of: stored), vmAPIVersion: options.virtualMachineAPIVersion)
    for vm in selected { collector.add(vm) }
    let packed = collector.packed(limit: Endpoints.maxAddresses)
    let ports = endpointPorts(of: service)

    let decision = WriteDecision.decide(
        stored: stored, owner: vmService,
        build: { stored in
            var endpoints = stored ?? Endpoints(
                metadata: ObjectMeta(name: vmService.metadata.name, namespace: vmService.metadata.namespace))
            endpoints.metadata.setControllerReference(vmService.controllerReference(version: options.version))
            var labels = service.metadata.labels ?? [:]
            // Our own slices already publish these addresses: Kubernetes must not mirror them.
            if options.endpointsMode.writesEndpointSlices { labels[EndpointSlice.skipMirrorLabel] = "true" }
            endpoints.metadata.labels = labels.nilIfEmpty
            var annotations = service.metadata.annotations ?? [:]
            if packed.isTruncated { annotations[Endpoints.overCapacityAnnotation] = "truncated" }
            endpoints.metadata.annotations = annotations.nilIfEmpty
            endpoints.subsets = packed.isEmpty ? nil : [
                EndpointSubset(
                    addresses: packed.ready.nilIfEmpty, notReadyAddresses: packed.notReady.nilIfEmpty,
                    ports: ports.nilIfEmpty)
            ]
            return endpoints
        },
        writeNeeded: CanonicalForm.needsWrite)
    return EndpointsResult(
        decision: decision,
        droppedAddresses: collector.dropped.sorted { ($0.vmName, $0.ip) < ($1.vmName, $1.ip) },
        isTruncated: packed.isTruncated)
}

/// Spec §5.7: one port per Service port, in Service order, numbered by the target port.
func endpointPorts(of service: Service) -> [EndpointPort] {
    (service.spec?.ports ?? []).compactMap { port in
        let target: Int32?
        switch port.targetPort {
        case nil: target = port.port
        case .int(let number)?: target = number
        case .string?: target = nil
        }
        return target.map { EndpointPort(name: port.name, port: $0, protocol: port.protocol) }
    }
}

/// The UIDs listed as ready in the stored Endpoints (spec §5.5 row 3).
func readyTargetUIDs(of endpoints: Endpoints?) -> Set<String> {
    var uids: Set<String> = []
    for subset in endpoints?.subsets ?? [] {
        for address in subset.addresses ?? [] {
            if let uid = address.targetRef?.uid { uids.insert(uid) }
        }
    }
    return uids
}
