import KubeModel

/// The Service of a VirtualMachineService (spec §4, with §16.4–§16.6).
///
/// `vmService` is the object as it will be persisted this pass, i.e. with the load-balancer
/// provider's labels and annotations already merged in (spec §3 step 5). The desired Service
/// is the stored one with the controller's fields applied, so fields the API server defaults
/// (clusterIPs, ipFamilies, sessionAffinity, …) and fields others own survive, and a second
/// pass over an unchanged input yields `.unchanged`.
public func desiredService(
    for vmService: VirtualMachineService, stored: Service?, provider: any LoadBalancerProvider,
    options: ReconcileOptions
) -> WriteDecision<Service> {
    WriteDecision.decide(
        stored: stored, owner: vmService,
        build: { stored in buildService(for: vmService, from: stored, provider: provider, options: options) },
        writeNeeded: CanonicalForm.needsWrite)
}

private func buildService(
    for vmService: VirtualMachineService, from stored: Service?, provider: any LoadBalancerProvider,
    options: ReconcileOptions
) -> Service {
    var service = stored ?? Service(
        metadata: ObjectMeta(name: vmService.metadata.name, namespace: vmService.metadata.namespace))
    service.metadata.setControllerReference(vmService.controllerReference(version: options.version))
    PropagatedMetadata.apply(from: vmService, provider: provider, to: &service.metadata)

    let source = vmService.spec
    let type = source.effectiveType
    var spec = service.spec ?? ServiceSpec()
    spec.type = type
    spec.externalName = source.externalName?.nilIfEmpty
    spec.loadBalancerIP = source.loadBalancerIP?.nilIfEmpty
    spec.loadBalancerSourceRanges = source.loadBalancerSourceRanges?.nilIfEmpty
    if stored == nil { spec.clusterIP = source.clusterIP?.nilIfEmpty }
    spec.allocateLoadBalancerNodePorts = type == ServiceType.loadBalancer ? false : nil
    spec.ports = servicePorts(source.ports ?? [], keepingNodePortsOf: spec.ports ?? []).nilIfEmpty
    spec.externalTrafficPolicy = externalTrafficPolicy(
        type: type, annotations: service.metadata.annotations ?? [:])
    if options.workloadIPv6 { applyIPFamilies(of: source, type: type, to: &spec) }
    service.spec = spec
    return service
}

/// Spec §4.2 ports: VMService order, integer target port, the node port of the stored port
/// with the same name (so a pass never releases an allocated node port).
private func servicePorts(_ ports: [VirtualMachineServicePort], keepingNodePortsOf stored: [ServicePort])
    -> [ServicePort]
{
    ports.map { port in
        let nodePort = stored.first { $0.name == port.name }?.nodePort
        return ServicePort(
            name: port.name, protocol: port.protocol, port: port.port, targetPort: .int(port.targetPort),
            nodePort: nodePort == 0 ? nil : nodePort)
    }
}

/// Spec §16.6: only an externally reachable Service carries an external traffic policy (a
/// real API server rejects it on ClusterIP, which would keep the reference from ever
/// converging). `Cluster` unless the annotation says exactly `Local` or `Cluster`. NodePort
/// is only reachable through the skip-validation annotation; it is included because the API
/// server defaults the field on NodePort, and clearing it would patch on every pass.
private func externalTrafficPolicy(type: String, annotations: [String: String]) -> String? {
    guard type == ServiceType.loadBalancer || type == ServiceType.nodePort else { return nil }
    switch annotations[VMServiceConstants.externalTrafficPolicyAnnotation] {
    case "Local": return "Local"
    default: return "Cluster"
    }
}

/// Spec §4.2 IP families (v1alpha6 only): cleared for ExternalName, otherwise overwritten
/// only when the VMService sets them, so the API server's defaults survive.
private func applyIPFamilies(of source: VirtualMachineServiceSpec, type: String, to spec: inout ServiceSpec) {
    if type == ServiceType.externalName {
        spec.ipFamilies = nil
        spec.ipFamilyPolicy = nil
        return
    }
    if let families = source.ipFamilies, !families.isEmpty { spec.ipFamilies = families }
    if let policy = source.ipFamilyPolicy, !policy.isEmpty { spec.ipFamilyPolicy = policy }
}

extension VirtualMachineServiceSpec {
    /// Spec §16.2: an empty or absent type means ClusterIP.
    public var effectiveType: String {
        guard let type, !type.isEmpty else { return ServiceType.clusterIP }
        return type
    }

    /// Spec §5.1/§8: Endpoints are managed only for a non-empty selector.
    public var isSelectorless: Bool { (selector ?? [:]).isEmpty }
}
