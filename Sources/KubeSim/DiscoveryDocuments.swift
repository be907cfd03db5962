import KubeModel

/// The discovery documents kubectl and client-go read before anything else: `/version`,
/// `/api`, `/apis`, `/api/v1`, `/apis/GROUP/VERSION`, and the aggregated
/// `apidiscovery.k8s.io/v2` form of `/api` and `/apis`.
struct DiscoveryDocuments {
    let registry: ResourceRegistry

    static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "kube-sim", "gitTreeState": "clean",
        "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23.0", "compiler": "gc", "platform": "linux/amd64",
    ]

    static let verbs: JSONValue = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    static let subresourceVerbs: JSONValue = ["get", "patch", "update"]

    var legacyVersions: JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": ""]],
        ]
    }

    private func groupDocument(_ name: String, _ versions: [String]) -> JSONValue {
        let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return [
            "name": .string(name), "versions": .array(entries), "preferredVersion": entries.first ?? [:],
        ]
    }

    var groupList: JSONValue {
        let groups = registry.groups.filter { !$0.name.isEmpty }.map { groupDocument($0.name, $0.versions) }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    func group(_ name: String) -> JSONValue? {
        guard let entry = registry.groups.first(where: { $0.name == name && !name.isEmpty }) else { return nil }
        var document = groupDocument(entry.name, entry.versions)
        document["kind"] = "APIGroup"
        document["apiVersion"] = "v1"
        return document
    }

    func resourceList(group: String, version: String) -> JSONValue? {
        guard let types = registry.resources(groupVersion: group.isEmpty ? version : "\(group)/\(version)") else {
            return nil
        }
        var resources: [JSONValue] = []
        for type in types {
            var entry: JSONObject = [
                "name": .string(type.resource), "singularName": .string(type.singular),
                "namespaced": .bool(type.namespaced), "kind": .string(type.kind), "verbs": Self.verbs,
                "storageVersionHash": .string(Self.hash(type.groupVersion + type.kind)),
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map { .string($0) }) }
            if !type.categories.isEmpty { entry["categories"] = .array(type.categories.map { .string($0) }) }
            resources.append(.object(entry))
            if type.hasStatus {
                resources.append([
                    "name": .string("\(type.resource)/status"), "singularName": "", "namespaced": .bool(type.namespaced),
                    "kind": .string(type.kind), "verbs": Self.subresourceVerbs,
                ])
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(types.first?.groupVersion ?? version),
            "resources": .array(resources),
        ]
    }

    /// `APIGroupDiscoveryList` (apidiscovery.k8s.io/v2): every group, version and resource
    /// in one document, what kubectl 1.30+ asks for first.
    func aggregated(legacy: Bool) -> JSONValue {
        let groups = registry.groups.filter { $0.name.isEmpty == legacy }
        let items: [JSONValue] = groups.map { group in
            let versions: [JSONValue] = group.versions.map { version in
                let types = registry.resources(groupVersion: group.name.isEmpty ? version : "\(group.name)/\(version)") ?? []
                return [
                    "version": .string(version), "freshness": "Current",
                    "resources": .array(types.map(Self.aggregatedResource)),
                ]
            }
            var metadata: JSONObject = ["creationTimestamp": .null]
            if !group.name.isEmpty { metadata["name"] = .string(group.name) }
            return ["metadata": .object(metadata), "versions": .array(versions)]
        }
        return [
            "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
            "items": .array(items),
        ]
    }

    private static func aggregatedResource(_ type: ResourceType) -> JSONValue {
        let responseKind: JSONValue = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
        var entry: JSONObject = [
            "resource": .string(type.resource), "responseKind": responseKind,
            "scope": type.namespaced ? "Namespaced" : "Cluster", "singularResource": .string(type.singular),
            "verbs": verbs,
        ]
        if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map { .string($0) }) }
        if !type.categories.isEmpty { entry["categories"] = .array(type.categories.map { .string($0) }) }
        if type.hasStatus {
            entry["subresources"] = [["subresource": "status", "responseKind": responseKind, "verbs": subresourceVerbs]]
        }
        return .object(entry)
    }

    /// A short stable digest (FNV-1a, base64), in the spirit of `storageVersionHash`.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return String(Base64.encode((0..<8).map { UInt8(truncatingIfNeeded: h >> (8 * UInt64($0))) }).prefix(11))
    }
}
