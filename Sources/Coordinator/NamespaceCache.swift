import KubeModel
import VMServiceCore

/// What the coordinator remembers of one namespace: the VM projections, the
/// VirtualMachineServices, and the Services and Endpoints that can matter to them.
///
/// A Service or Endpoints matters when a VirtualMachineService owns it (any owner reference
/// of that kind, spec §2.1) or when it carries the name of one: the worker must see a
/// same-named object it does not control to refuse adopting it (spec §16.4). Every other
/// Service/Endpoints is kept only as a stub (its identity and owner references), so the
/// cache can hand it over the moment a VirtualMachineService of that name appears, without
/// holding every Endpoints object of the cluster in full.
struct NamespaceCache: Sendable {
    var vms: [String: VMProjection] = [:]
    var vmServices: [String: VirtualMachineService] = [:]
    var services: [String: Service] = [:]
    var endpoints: [String: Endpoints] = [:]
    /// Our EndpointSlices (the coordinator watches only those), kept in full: every one
    /// belongs to a VirtualMachineService's endpoints.
    var endpointSlices: [String: EndpointSlice] = [:]

    /// Whether a Service or Endpoints with this metadata is forwarded to the worker.
    func matters(_ metadata: ObjectMeta) -> Bool {
        Self.isOwnedByVMService(metadata) || vmServices[metadata.name ?? ""] != nil
    }

    static func isOwnedByVMService(_ metadata: ObjectMeta) -> Bool {
        metadata.ownerReferences?.contains { $0.kind == VirtualMachineService.resource.kind } ?? false
    }

    /// The identity and ownership of an object that does not (yet) matter.
    static func stub(_ metadata: ObjectMeta) -> ObjectMeta {
        ObjectMeta(
            name: metadata.name, namespace: metadata.namespace, uid: metadata.uid,
            resourceVersion: metadata.resourceVersion, creationTimestamp: metadata.creationTimestamp,
            deletionTimestamp: metadata.deletionTimestamp, ownerReferences: metadata.ownerReferences)
    }

    var isEmpty: Bool {
        vms.isEmpty && vmServices.isEmpty && services.isEmpty && endpoints.isEmpty && endpointSlices.isEmpty
    }

    /// Everything a new owner of the namespace needs, in a stable order.
    var content: NamespaceContent {
        NamespaceContent(
            vms: vms.values.sorted { $0.name < $1.name },
            vmServices: vmServices.values.sorted { $0.name < $1.name },
            services: services.values.filter { matters($0.metadata) }.sorted { $0.name < $1.name },
            endpoints: endpoints.values.filter { matters($0.metadata) }.sorted { $0.name < $1.name },
            endpointSlices: endpointSlices.values.sorted { $0.name < $1.name })
    }
}

/// The state of a namespace as a snapshot carries it.
public struct NamespaceContent: Sendable, Hashable {
    public var vms: [VMProjection]
    public var vmServices: [VirtualMachineService]
    public var services: [Service]
    public var endpoints: [Endpoints]
    public var endpointSlices: [EndpointSlice] = []
}
