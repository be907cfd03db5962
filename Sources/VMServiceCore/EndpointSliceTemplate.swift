import KubeModel

/// What every slice of one VirtualMachineService carries besides its endpoints: the labels
/// Kubernetes' EndpointSlice controller sets (the Service's labels, which hold the
/// VirtualMachineService's propagated ones, then `kubernetes.io/service-name`, `managed-by` and
/// the headless marker), the controller reference, and the ports.
struct EndpointSliceTemplate {
    var namespace: String
    var serviceName: String
    var labels: [String: String]
    var owner: OwnerReference
    var ports: [EndpointSlicePort]

    init(vmService: VirtualMachineService, service: Service, options: ReconcileOptions) {
        namespace = vmService.metadata.namespace ?? ""
        serviceName = vmService.metadata.name ?? ""
        var labels = service.metadata.labels ?? [:]
        labels[EndpointSliceConstants.headlessLabel] = nil
        if service.spec?.clusterIP == "None" { labels[EndpointSliceConstants.headlessLabel] = "" }
        labels[EndpointSlice.serviceNameLabel] = serviceName
        labels[EndpointSlice.managedByLabel] = EndpointSliceConstants.managerName
        self.labels = labels
        owner = vmService.controllerReference(version: options.version)
        // Spec §5.7, as for the Endpoints; the empty name and `TCP` are what the API server
        // would default anyway.
        ports = endpointPorts(of: service).map {
            EndpointSlicePort(name: $0.name ?? "", port: $0.port, protocol: $0.protocol ?? "TCP")
        }
    }

    /// `stored` (or a new slice named by the API server after the Service, as Kubernetes names
    /// its slices) with this template and `endpoints` applied.
    func slice(from stored: EndpointSlice?, family: String, endpoints: [EndpointSlice.Endpoint]) -> EndpointSlice {
        var slice = stored ?? EndpointSlice(
            metadata: ObjectMeta(namespace: namespace, generateName: "\(serviceName)-"), addressType: family)
        slice.metadata.labels = labels
        slice.metadata.setControllerReference(owner)
        slice.addressType = family
        slice.ports = ports.nilIfEmpty
        slice.endpoints = endpoints.nilIfEmpty
        return slice
    }
}
