import KubeModel

/// The built-in resources kube-sim serves, with kubectl's columns for each.
enum BuiltinResources {
    static let all: [ResourceType] = core + InstallResources.all

    /// What the operator itself reads and writes.
    private static let core: [ResourceType] = [
        ResourceType(
            group: "", version: "v1", resource: "namespaces", kind: "Namespace", singular: "namespace",
            namespaced: false, shortNames: ["ns"], hasStatus: true,
            columns: [path("Status", ".status.phase"), age], storageVersion: "v1"),
        ResourceType(
            group: "", version: "v1", resource: "services", kind: "Service", singular: "service",
            namespaced: true, shortNames: ["svc"], categories: ["all"], hasStatus: true,
            returnsDeletedObject: true, columns: ServiceColumns.all + [age], storageVersion: "v1"),
        ResourceType(
            group: "", version: "v1", resource: "endpoints", kind: "Endpoints", singular: "endpoints",
            namespaced: true, shortNames: ["ep"],
            columns: [computed("Endpoints", EndpointsColumns.endpoints), age], storageVersion: "v1"),
        ResourceType(
            group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", singular: "configmap",
            namespaced: true, shortNames: ["cm"],
            columns: [computed("Data", { count($0["data"], $0["binaryData"]) }, type: "integer"), age],
            storageVersion: "v1"),
        ResourceType(
            group: "", version: "v1", resource: "secrets", kind: "Secret", singular: "secret", namespaced: true,
            columns: [path("Type", ".type"), computed("Data", { count($0["data"]) }, type: "integer"), age],
            storageVersion: "v1"),
        ResourceType(
            group: "", version: "v1", resource: "events", kind: "Event", singular: "event", namespaced: true,
            shortNames: ["ev"],
            columns: [
                path("Last Seen", ".lastTimestamp", type: "date"), path("Type", ".type"), path("Reason", ".reason"),
                computed("Object", involvedObject),
                path("Message", ".message"),
            ], storageVersion: "v1"),
        ResourceType(
            group: "events.k8s.io", version: "v1", resource: "events", kind: "Event", singular: "event",
            namespaced: true, shortNames: ["ev"], supportsStrategicMerge: true,
            columns: [path("Type", ".type"), path("Reason", ".reason"), path("Note", ".note"), age],
            storageVersion: "v1", conversion: EventConversion.eventsV1),
        ResourceType(
            group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", singular: "lease",
            namespaced: true, columns: [path("Holder", ".spec.holderIdentity"), age], storageVersion: "v1"),
        ResourceType(
            group: "discovery.k8s.io", version: "v1", resource: "endpointslices", kind: "EndpointSlice",
            singular: "endpointslice", namespaced: true,
            columns: [
                path("AddressType", ".addressType"),
                computed("Ports", { .string(($0["ports"]?.arrayValue ?? []).compactMap { $0["port"].map(SimpleJSONPath.text) }.joined(separator: ",")) }),
                computed("Endpoints", { .string(($0["endpoints"]?.arrayValue ?? []).flatMap { $0["addresses"]?.arrayValue?.compactMap(\.stringValue) ?? [] }.prefix(3).joined(separator: ",")) }),
                age,
            ], storageVersion: "v1"),
        ResourceType(
            group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions",
            kind: "CustomResourceDefinition", singular: "customresourcedefinition", namespaced: false,
            shortNames: ["crd", "crds"], categories: ["api-extensions"], hasStatus: true, tracksGeneration: true,
            columns: [path("Created At", ".metadata.creationTimestamp")], storageVersion: "v1"),
    ]

    static var namespaces: ResourceType { all[0] }
    static var services: ResourceType { all[1] }
    static var customResourceDefinitions: ResourceType { core[core.count - 1] }

    static let age = PrinterColumn(name: "Age", type: "date", source: .jsonPath(".metadata.creationTimestamp"))

    static func path(_ name: String, _ path: String, type: String = "string") -> PrinterColumn {
        PrinterColumn(name: name, type: type, source: .jsonPath(path))
    }

    static func computed(
        _ name: String, _ compute: @escaping @Sendable (JSONValue) -> JSONValue, type: String = "string"
    ) -> PrinterColumn {
        PrinterColumn(name: name, type: type, source: .computed(compute))
    }

    private static func count(_ values: JSONValue?...) -> JSONValue {
        .number(Double(values.reduce(0) { $0 + ($1?.objectValue?.count ?? 0) }))
    }

    private static func involvedObject(_ event: JSONValue) -> JSONValue {
        let kind = event["involvedObject"]?["kind"]?.stringValue?.lowercased() ?? ""
        return .string("\(kind)/\(event["involvedObject"]?["name"]?.stringValue ?? "")")
    }
}
