import KubeModel
import VMServiceCore

/// A worker's state for one namespace it owns: the VMs (inside the selector index), the
/// VirtualMachineServices, and the Services and Endpoints as the API holds them. Applying
/// a change answers which services it makes dirty, and nothing more: computing and writing
/// is the `ServiceSyncer`'s job.
struct NamespaceShard: Sendable {
    let namespace: String
    let epoch: UInt64
    /// Sequence of the last snapshot or delta applied.
    private(set) var lastSequence: UInt64 = 0
    /// Spec §16.10: false until the snapshot (with the stored Endpoints) arrived, and again
    /// after a sequence gap until a fresh snapshot replaces the state.
    private(set) var hasSnapshot = false
    /// A resync was requested for the current gap; asked once, not once per later delta.
    var resyncRequested = false
    private(set) var index = SelectorIndex()
    private(set) var vmServices: [String: VirtualMachineService] = [:]
    private(set) var services: [String: Service] = [:]
    private(set) var endpoints: [String: Endpoints] = [:]
    /// Our EndpointSlices by slice name; each names its service in `kubernetes.io/service-name`.
    private(set) var endpointSlices: [String: EndpointSlice] = [:]

    init(namespace: String, epoch: UInt64) {
        self.namespace = namespace
        self.epoch = epoch
    }

    /// Replaces all state; every VirtualMachineService is dirty (a resync must converge to the
    /// truth, DESIGN principle 1).
    mutating func load(_ snapshot: NamespaceSnapshot) -> Set<String> {
        self = NamespaceShard(namespace: namespace, epoch: epoch)
        for vm in snapshot.vms { index.upsertVM(vm) }
        for vmService in snapshot.vmServices { store(vmService) }
        for service in snapshot.services { services[service.name] = service }
        for object in snapshot.endpoints { endpoints[object.name] = object }
        for slice in snapshot.endpointSlices { endpointSlices[slice.name] = slice }
        lastSequence = snapshot.sequence
        hasSnapshot = true
        return Set(vmServices.keys)
    }

    /// Why a delta cannot be applied.
    enum SequenceProblem: Error {
        /// Already applied (a duplicate); nothing to do.
        case duplicate
        /// Something between the last applied sequence and this one was lost.
        case gap
    }

    /// Checks a delta's sequence and, when it is the next one, records it as applied.
    mutating func advance(to sequence: UInt64) throws(SequenceProblem) {
        guard hasSnapshot else { throw .gap }
        if sequence <= lastSequence { throw .duplicate }
        guard sequence == lastSequence + 1 else {
            hasSnapshot = false
            throw .gap
        }
        lastSequence = sequence
    }

    /// Applies one change; returns the services it makes dirty.
    mutating func apply(_ change: NamespaceChange) -> Set<String> {
        switch change {
        case .vmUpserted(let vm):
            return index.upsertVM(vm)
        case .vmDeleted(let name):
            return index.removeVM(named: name)
        case .vmServiceUpserted(let vmService):
            guard
                ResourceVersion.supersedes(
                    vmService.metadata.resourceVersion, vmServices[vmService.name]?.metadata.resourceVersion)
            else { return [] }
            store(vmService)
            return [vmService.name]
        case .vmServiceDeleted(let name):
            guard vmServices.removeValue(forKey: name) != nil else { return [] }
            index.removeService(named: name)
            return []
        case .serviceUpserted(let service):
            return record(service) ? servedName(service.name) : []
        case .serviceDeleted(let name, let version):
            guard let stored = services[name], !ResourceVersion.precedes(version, stored.metadata.resourceVersion)
            else { return [] }
            services[name] = nil
            return servedName(name)
        case .endpointsUpserted(let object):
            return record(object) ? servedName(object.name) : []
        case .endpointsDeleted(let name, let version):
            guard let stored = endpoints[name], !ResourceVersion.precedes(version, stored.metadata.resourceVersion)
            else { return [] }
            endpoints[name] = nil
            return servedName(name)
        case .endpointSliceUpserted(let slice):
            return record(slice) ? servedName(slice.serviceName) : []
        case .endpointSliceDeleted(let name, let version):
            guard let stored = endpointSlices[name], !ResourceVersion.precedes(version, stored.metadata.resourceVersion)
            else { return [] }
            endpointSlices[name] = nil
            return servedName(stored.serviceName)
        }
    }

    /// Keeps `service` if it is newer than the stored copy; returns whether it was kept.
    @discardableResult
    mutating func record(_ service: Service) -> Bool { keep(service, in: \.services) }

    @discardableResult
    mutating func record(_ object: Endpoints) -> Bool { keep(object, in: \.endpoints) }

    @discardableResult
    mutating func record(_ slice: EndpointSlice) -> Bool { keep(slice, in: \.endpointSlices) }

    private mutating func keep<Object: KubernetesObject>(
        _ object: Object, in store: WritableKeyPath<NamespaceShard, [String: Object]>
    ) -> Bool {
        guard
            ResourceVersion.supersedes(
                object.metadata.resourceVersion, self[keyPath: store][object.name]?.metadata.resourceVersion)
        else { return false }
        self[keyPath: store][object.name] = object
        return true
    }

    /// An API response for the VirtualMachineService itself (metadata or status patch).
    mutating func record(_ vmService: VirtualMachineService) {
        guard
            ResourceVersion.supersedes(
                vmService.metadata.resourceVersion, vmServices[vmService.name]?.metadata.resourceVersion)
        else { return }
        store(vmService)
    }

    /// Whether `vmService` is a new generation (a spec change) of one already stored.
    func isNewGeneration(_ vmService: VirtualMachineService) -> Bool {
        guard let stored = vmServices[vmService.name] else { return false }
        return stored.metadata.generation != vmService.metadata.generation
    }

    mutating func forgetService(named name: String) { services[name] = nil }
    mutating func forgetEndpoints(named name: String) { endpoints[name] = nil }
    mutating func forgetEndpointSlice(named name: String) { endpointSlices[name] = nil }

    /// What the core needs to plan a pass for `name`; nil when there is nothing to reconcile
    /// (the VirtualMachineService is gone, or the namespace is not ready to be written).
    func reconcileInput(for name: String, now: Time) -> ReconcileInput? {
        guard hasSnapshot, let vmService = vmServices[name] else { return nil }
        return ReconcileInput(
            vmService: vmService, storedService: services[name], storedEndpoints: endpoints[name],
            vms: index.vms(selectedBy: name), now: now,
            storedEndpointSlices: endpointSlices.values.filter { $0.serviceName == name }.sorted { $0.name < $1.name })
    }

    /// Spec §2.1 maps a Service or Endpoints event to its owning VirtualMachineService; ours
    /// carry its name, and a name without a VirtualMachineService has nothing to reconcile.
    private func servedName(_ name: String?) -> Set<String> {
        guard let name, vmServices[name] != nil else { return [] }
        return [name]
    }

    private mutating func store(_ vmService: VirtualMachineService) {
        vmServices[vmService.name] = vmService
        index.upsertService(named: vmService.name, selector: vmService.spec.selector ?? [:])
    }
}

extension EndpointSlice {
    /// The service this slice belongs to, by Kubernetes' label.
    fileprivate var serviceName: String? { metadata.labels?[EndpointSlice.serviceNameLabel] }
}
