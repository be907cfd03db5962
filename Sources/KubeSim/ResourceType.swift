import KubeModel

/// A group and plural resource name: the identity of a collection, whatever version is asked.
struct GroupResource: Hashable, Sendable, CustomStringConvertible {
    var group: String
    var resource: String

    /// `services`, `virtualmachineservices.vmoperator.vmware.com`: how Kubernetes names a
    /// resource in error messages.
    var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

/// One served resource in one version: everything routing, discovery and tables need.
struct ResourceType: Sendable {
    var group: String
    var version: String
    var resource: String
    var kind: String
    var singular: String
    var namespaced: Bool
    var shortNames: [String] = []
    var categories: [String] = []
    /// Has a `/status` subresource: the main resource ignores status, `/status` only writes it.
    var hasStatus: Bool = false
    /// `metadata.generation` is kept and bumped on every change outside metadata and status.
    var tracksGeneration: Bool = false
    /// DELETE answers with the deleted object rather than a `Status` (as services and custom
    /// resources do in kube-apiserver).
    var returnsDeletedObject: Bool = false
    /// Accepts `application/strategic-merge-patch+json` (built-in types only).
    var supportsStrategicMerge: Bool = true
    /// Printer columns for `kubectl get` (besides NAME, which every table has).
    var columns: [PrinterColumn] = []
    /// For custom resources: the version's `openAPIV3Schema`, as written and compiled.
    var schema: JSONValue? = nil
    var structuralSchema: StructuralSchema? = nil
    /// For custom resources: the schema server-side apply merges with (list types, map keys).
    var customApplySchema: ApplySchema? = nil
    /// The version objects are stored in; other versions are served by rewriting `apiVersion`.
    var storageVersion: String
    /// Set when the objects live in another resource's storage (events.k8s.io Events).
    var conversion: StorageConversion? = nil

    /// How server-side apply and field ownership see this type's lists and maps.
    var applySchema: ApplySchema {
        customApplySchema ?? ApplySchema.builtin(group: group, kind: kind) ?? .deduced
    }

    /// The collection objects are stored in (and named by in errors).
    var groupResource: GroupResource { conversion?.storageResource ?? GroupResource(group: group, resource: resource) }
    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// The `apiVersion` stored objects carry, whatever version wrote them.
    var storageAPIVersion: String {
        conversion?.storageAPIVersion ?? (group.isEmpty ? storageVersion : "\(group)/\(storageVersion)")
    }

    /// A stored object as this type serves it, and back.
    func fromStorage(_ object: JSONValue) -> JSONValue { conversion?.fromStorage(object) ?? object }
    func toStorage(_ object: JSONValue) -> JSONValue { conversion?.toStorage(object) ?? object }
    var groupVersion: String { apiVersion }
    var listKind: String { kind + "List" }
    var isCustom: Bool { schema != nil }
    /// PUT of a missing object creates it (`AllowCreateOnUpdate` in the real strategies).
    var allowsCreateOnUpdate: Bool {
        group.isEmpty ? ["endpoints", "events"].contains(resource) : ["leases", "events", "endpointslices"].contains(resource)
    }
}

/// A printer column: kubectl's `additionalPrinterColumns`.
struct PrinterColumn: Sendable {
    var name: String
    var type: String
    var format: String = ""
    var description: String = ""
    var priority: Int = 0
    /// A simple JSONPath (`.spec.type`, `.status.loadBalancer.ingress[0].ip`), or a built-in
    /// computed cell.
    var source: Source

    enum Source: Sendable {
        case jsonPath(String)
        case computed(@Sendable (JSONValue) -> JSONValue)
    }
}

/// Where an object lives within its collection. Cluster-scoped objects have namespace "".
struct ObjectKey: Hashable, Comparable, Sendable {
    var namespace: String
    var name: String

    static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        a.namespace == b.namespace ? a.name < b.name : a.namespace < b.namespace
    }

    /// How etcd orders keys: `namespace/name`; also the position a continue token records.
    var path: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}
