import KubeClient
import KubeModel
import Logging
import VMServiceCore

/// The coordinator's compact view of the cluster, fed by the four reflectors, and the filter
/// in front of everything downstream: each event is turned into the changes the owning
/// worker must hear about — none for a VM update that cannot change any endpoint
/// (spec §2.2, `VMChange`), nor for a Service or Endpoints no VirtualMachineService cares
/// about. A dropped event costs no message, no worker work and no API write.
///
/// Pure (no I/O): the coordinator applies events and sends what comes back.
public struct ClusterCache: Sendable {
    private(set) var namespaces: [String: NamespaceCache] = [:]
    public private(set) var counters = Counters()
    private let logger: Logger

    public struct Counters: Sendable, Hashable {
        /// Objects the reflectors delivered, by plural resource name: one per watch event,
        /// and one per object (and per deletion) of a relist.
        public var received: [String: Int] = [:]
        /// VM events that changed no field deciding endpoints.
        public var droppedVMUpdates = 0
        /// Objects that could not be decoded and were skipped.
        public var malformedObjects = 0
        /// Service/Endpoints events no VirtualMachineService cares about.
        public var ignoredChildUpdates = 0
    }

    public init(logger: Logger = Logger(label: "vmsvc.coordinator.cache")) {
        self.logger = logger
    }

    /// Namespaces with at least one VirtualMachineService: the ones a worker must own.
    public var activeNamespaces: Set<String> {
        Set(namespaces.filter { !$0.value.vmServices.isEmpty }.keys)
    }

    /// What a snapshot of `namespace` carries.
    public func content(of namespace: String) -> NamespaceContent {
        (namespaces[namespace] ?? NamespaceCache()).content
    }

    // MARK: Events

    public mutating func apply(_ event: ReflectorEvent<LenientObject<VirtualMachine>>) -> [NamespacedChange] {
        apply(event, upsert: { $0.upsertVM($1) }, delete: { $0.deleteVM($1) })
    }

    public mutating func apply(_ event: ReflectorEvent<LenientObject<VirtualMachineService>>) -> [NamespacedChange] {
        apply(event, upsert: { $0.upsertVMService($1) }, delete: { $0.deleteVMService($1) })
    }

    public mutating func apply(_ event: ReflectorEvent<LenientObject<Service>>) -> [NamespacedChange] {
        apply(event, upsert: { $0.upsertService($1) }, delete: { $0.deleteService($1) })
    }

    public mutating func apply(_ event: ReflectorEvent<LenientObject<Endpoints>>) -> [NamespacedChange] {
        apply(event, upsert: { $0.upsertEndpoints($1) }, delete: { $0.deleteEndpoints($1) })
    }

    /// Turns a reflector event into upserts and deletes (a relist is its deletions, then
    /// every object), skipping objects that failed to decode.
    private mutating func apply<Object: KubernetesObject>(
        _ event: ReflectorEvent<LenientObject<Object>>,
        upsert: (inout ClusterCache, Object) -> [NamespacedChange],
        delete: (inout ClusterCache, ObjectMeta) -> [NamespacedChange]
    ) -> [NamespacedChange] {
        func decoded(_ object: LenientObject<Object>) -> Object? {
            switch object.decoded {
            case .success(let value):
                return value
            case .failure(let failure):
                counters.malformedObjects += 1
                logger.warning(
                    "skipping undecodable object",
                    metadata: [
                        "resource": "\(Object.resource)", "namespace": "\(object.metadata.namespace ?? "")",
                        "name": "\(object.metadata.name ?? "")", "reason": "\(failure.reason)",
                    ])
                return nil
            }
        }
        counters.received[Object.resource.resource, default: 0] += event.objectCount
        switch event {
        case .added(let object), .updated(_, let object):
            return decoded(object).map { upsert(&self, $0) } ?? []
        case .deleted(let object):
            return delete(&self, object.metadata)
        case .replaced(let objects, let deleted):
            var changes = deleted.flatMap { delete(&self, $0.metadata) }
            for object in objects {
                if let value = decoded(object) { changes += upsert(&self, value) }
            }
            return changes
        }
    }

    // MARK: Per kind

    private mutating func upsertVM(_ vm: VirtualMachine) -> [NamespacedChange] {
        let projection = VMProjection(vm)
        let namespace = projection.namespace
        let previous = namespaces[namespace]?.vms[projection.name]
        guard VMChange.classify(old: previous, new: projection) != .irrelevant else {
            counters.droppedVMUpdates += 1
            return []
        }
        namespaces[namespace, default: NamespaceCache()].vms[projection.name] = projection
        return [NamespacedChange(namespace: namespace, change: .vmUpserted(projection))]
    }

    private mutating func deleteVM(_ metadata: ObjectMeta) -> [NamespacedChange] {
        let (namespace, name) = (metadata.namespace ?? "", metadata.name ?? "")
        guard let previous = namespaces[namespace]?.vms.removeValue(forKey: name) else { return [] }
        forgetIfEmpty(namespace)
        return [
            NamespacedChange(
                namespace: namespace, change: .vmDeleted(name: name, uid: previous.uid, lastLabels: previous.labels))
        ]
    }

    /// Spec §2.1: every VirtualMachineService event is forwarded (status-only changes too).
    /// A new one makes a same-named Service/Endpoints matter, so they are forwarded with it.
    private mutating func upsertVMService(_ vmService: VirtualMachineService) -> [NamespacedChange] {
        let (namespace, name) = (vmService.namespace, vmService.name)
        var cache = namespaces[namespace] ?? NamespaceCache()
        let isNew = cache.vmServices[name] == nil
        let childrenMattered = (cache.matters(cache.services[name]?.metadata), cache.matters(cache.endpoints[name]?.metadata))
        cache.vmServices[name] = vmService
        namespaces[namespace] = cache
        var changes = [NamespacedChange(namespace: namespace, change: .vmServiceUpserted(vmService))]
        if isNew, let service = cache.services[name], !childrenMattered.0 {
            changes.append(NamespacedChange(namespace: namespace, change: .serviceUpserted(service)))
        }
        if isNew, let endpoints = cache.endpoints[name], !childrenMattered.1 {
            changes.append(NamespacedChange(namespace: namespace, change: .endpointsUpserted(endpoints)))
        }
        return changes
    }

    private mutating func deleteVMService(_ metadata: ObjectMeta) -> [NamespacedChange] {
        let (namespace, name) = (metadata.namespace ?? "", metadata.name ?? "")
        guard let previous = namespaces[namespace]?.vmServices.removeValue(forKey: name) else { return [] }
        forgetIfEmpty(namespace)
        return [NamespacedChange(namespace: namespace, change: .vmServiceDeleted(name: name, uid: previous.uid))]
    }

    private mutating func upsertService(_ service: Service) -> [NamespacedChange] {
        upsertChild(service, in: \.services, stub: { Service(metadata: $0) }, change: ClusterChange.serviceUpserted)
    }

    private mutating func deleteService(_ metadata: ObjectMeta) -> [NamespacedChange] {
        deleteChild(metadata, in: \.services, change: ClusterChange.serviceDeleted)
    }

    private mutating func upsertEndpoints(_ endpoints: Endpoints) -> [NamespacedChange] {
        upsertChild(endpoints, in: \.endpoints, stub: { Endpoints(metadata: $0) }, change: ClusterChange.endpointsUpserted)
    }

    private mutating func deleteEndpoints(_ metadata: ObjectMeta) -> [NamespacedChange] {
        deleteChild(metadata, in: \.endpoints, change: ClusterChange.endpointsDeleted)
    }

    /// A Service or Endpoints: kept in full and forwarded when it matters, else kept as a stub.
    private mutating func upsertChild<Child: KubernetesObject>(
        _ child: Child, in store: WritableKeyPath<NamespaceCache, [String: Child]>,
        stub: (ObjectMeta) -> Child, change: (Child) -> ClusterChange
    ) -> [NamespacedChange] {
        let namespace = child.namespace
        var cache = namespaces[namespace] ?? NamespaceCache()
        let matters = cache.matters(child.metadata)
        cache[keyPath: store][child.name] = matters ? child : stub(NamespaceCache.stub(child.metadata))
        namespaces[namespace] = cache
        guard matters else {
            counters.ignoredChildUpdates += 1
            return []
        }
        return [NamespacedChange(namespace: namespace, change: change(child))]
    }

    private mutating func deleteChild<Child: KubernetesObject>(
        _ metadata: ObjectMeta, in store: WritableKeyPath<NamespaceCache, [String: Child]>,
        change: (_ name: String, _ uid: String, _ resourceVersion: String?) -> ClusterChange
    ) -> [NamespacedChange] {
        let (namespace, name) = (metadata.namespace ?? "", metadata.name ?? "")
        guard let cache = namespaces[namespace], let previous = cache[keyPath: store][name] else { return [] }
        namespaces[namespace]?[keyPath: store][name] = nil
        forgetIfEmpty(namespace)
        guard cache.matters(previous.metadata) else { return [] }
        // A watch's DELETED carries the deletion's version; a relist only the last one seen.
        let version = metadata.resourceVersion ?? previous.metadata.resourceVersion
        return [NamespacedChange(namespace: namespace, change: change(name, previous.uid, version))]
    }

    private mutating func forgetIfEmpty(_ namespace: String) {
        if namespaces[namespace]?.isEmpty == true { namespaces[namespace] = nil }
    }
}

extension KubernetesObject {
    fileprivate var uid: String { metadata.uid ?? "" }
}

extension ReflectorEvent {
    fileprivate var objectCount: Int {
        switch self {
        case .added, .updated, .deleted: 1
        case .replaced(let objects, let deleted): objects.count + deleted.count
        }
    }
}

extension NamespaceCache {
    /// Whether an object with this metadata matters; nil (no object) does not.
    fileprivate func matters(_ metadata: ObjectMeta?) -> Bool {
        metadata.map(matters) ?? false
    }
}

extension ClusterCache {
    /// Whether `namespace` has a VirtualMachineService (and so needs an owner).
    public func isActive(_ namespace: String) -> Bool {
        namespaces[namespace].map { !$0.vmServices.isEmpty } ?? false
    }
}
