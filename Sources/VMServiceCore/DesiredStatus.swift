import KubeModel

/// The status of a VirtualMachineService, computed from its Service as the API server
/// returned it (spec §6). `now` stamps a condition that changes; nothing here reads a clock.
public func desiredStatus(
    for vmService: VirtualMachineService, service: Service, options: ReconcileOptions, now: Time
) -> VirtualMachineServiceStatus {
    var status = vmService.status ?? VirtualMachineServiceStatus()
    status.loadBalancer = loadBalancerStatus(of: service, type: vmService.spec.effectiveType)
    if options.version.hasIPFamiliesAndConditions {
        var conditions = ConditionList.removing(VMServiceConstants.validConditionType, from: status.conditions ?? [])
        if let ready = serviceReadyCondition(of: service) {
            conditions = ConditionList.setting(ready, in: conditions, now: now)
        }
        status.conditions = conditions.nilIfEmpty
    }
    return status
}

/// Spec §6.1: the Service's ingress (ip and hostname only) for LoadBalancer, nothing otherwise.
private func loadBalancerStatus(of service: Service, type: String) -> VirtualMachineServiceLoadBalancerStatus? {
    guard type == ServiceType.loadBalancer else { return nil }
    let ingress = (service.status?.loadBalancer?.ingress ?? []).map {
        VirtualMachineServiceLoadBalancerIngress(ip: $0.ip, hostname: $0.hostname)
    }
    return ingress.isEmpty ? nil : VirtualMachineServiceLoadBalancerStatus(ingress: ingress)
}

/// Spec §6.2: the Service's `Ready` condition translated; nil for a status value that is none
/// of `True`, `False`, `Unknown` or empty (the condition is then left as it was).
private func serviceReadyCondition(of service: Service) -> Condition? {
    let type = VMServiceConstants.serviceReadyConditionType
    guard let ready = service.status?.conditions?.first(ofType: "Ready") else {
        return Condition(
            type: type, status: "Unknown", reason: "ServiceReadyNotPresent",
            message: "Underlying Service does not have Ready condition")
    }
    let reason = ready.reason?.nilIfEmpty
    let message = ready.message?.nilIfEmpty
    switch ready.status {
    case "True":
        return Condition(type: type, status: "True", reason: "True", message: "")
    case "False":
        return Condition(
            type: type, status: "False", reason: reason ?? "ServiceNotReady",
            message: message ?? "Underlying Service is not ready")
    case "Unknown", "":
        return Condition(
            type: type, status: "Unknown", reason: reason ?? "ServiceReadinessUnknown",
            message: message ?? "Underlying Service readiness is unknown")
    default:
        return nil
    }
}
