import KubeModel

/// Which resources are served, in which versions. Built-ins are fixed; custom resources come
/// and go with their CustomResourceDefinitions.
struct ResourceRegistry: Sendable {
    /// groupVersion (`v1`, `apps/v1`) → plural → type.
    private(set) var versions: [String: [String: ResourceType]] = [:]
    /// Groups in discovery order, each with its versions, preferred first.
    private(set) var groups: [(name: String, versions: [String])] = []

    init(builtins: [ResourceType]) {
        for type in builtins { add(type, preferred: false) }
    }

    func lookup(group: String, version: String, resource: String) -> ResourceType? {
        versions[group.isEmpty ? version : "\(group)/\(version)"]?[resource]
    }

    func resources(groupVersion: String) -> [ResourceType]? {
        versions[groupVersion].map { $0.values.sorted { $0.resource < $1.resource } }
    }

    /// The storage-version type of a group resource, if served at all.
    func storageType(_ resource: GroupResource) -> ResourceType? {
        for (name, groupVersions) in groups where name == resource.group {
            for version in groupVersions {
                if let type = lookup(group: name, version: version, resource: resource.resource),
                    type.version == type.storageVersion
                {
                    return type
                }
            }
        }
        return nil
    }

    /// The preferred-version type serving a kind (for owner references and GC).
    func type(apiVersion: String, kind: String) -> ResourceType? {
        versions[apiVersion]?.values.first { $0.kind == kind }
    }

    mutating func add(_ type: ResourceType, preferred: Bool) {
        versions[type.groupVersion, default: [:]][type.resource] = type
        if let i = groups.firstIndex(where: { $0.name == type.group }) {
            if !groups[i].versions.contains(type.version) {
                if preferred { groups[i].versions.insert(type.version, at: 0) } else { groups[i].versions.append(type.version) }
            }
        } else {
            groups.append((type.group, [type.version]))
        }
    }

    /// Serves exactly `types` for one custom group resource, replacing what was there.
    mutating func replaceCustom(_ resource: GroupResource, with types: [ResourceType]) {
        removeCustom(resource)
        for (i, type) in types.enumerated() { add(type, preferred: i == 0) }
    }

    mutating func removeCustom(_ resource: GroupResource) {
        for (groupVersion, var byName) in versions where byName[resource.resource]?.group == resource.group {
            byName[resource.resource] = nil
            versions[groupVersion] = byName.isEmpty ? nil : byName
        }
        for i in groups.indices.reversed() where groups[i].name == resource.group {
            groups[i].versions.removeAll { versions["\(resource.group)/\($0)"] == nil }
            if groups[i].versions.isEmpty { groups.remove(at: i) }
        }
    }
}
