import KubeModel

/// What `--data-dir` keeps of kube-sim across restarts: every object as stored (with its
/// resourceVersion) and the revision counter, so resourceVersions continue after a restart
/// instead of starting over (clients compare them, and a reused one would be a lie).
///
/// Derived state is rebuilt rather than saved: the owner index, the CRD registry and the
/// garbage collector's work come from replaying each object as an addition, allocated
/// cluster IPs and node ports from the restored Services.
struct PersistedState: Sendable {
    var revision: Int
    var objects: [(resource: GroupResource, key: ObjectKey, object: JSONValue)]

    init(_ store: ObjectStore) {
        revision = store.revision
        objects = store.resources().flatMap { resource in
            store.list(resource).map { (resource: resource, key: $0.key, object: $0.object) }
        }
    }

    var json: JSONValue {
        [
            "revision": .number(Double(revision)),
            "objects": .array(
                objects.map { entry in
                    ["group": .string(entry.resource.group), "resource": .string(entry.resource.resource), "object": entry.object]
                }),
        ]
    }

    enum FormatError: Error, CustomStringConvertible {
        case malformed(String)
        var description: String {
            switch self {
            case .malformed(let detail): "kube-sim data file is malformed: \(detail)"
            }
        }
    }

    init(json: JSONValue) throws {
        guard let revision = json["revision"]?.intValue, let entries = json["objects"]?.arrayValue else {
            throw FormatError.malformed("no revision or objects")
        }
        self.revision = revision
        objects = try entries.map { entry in
            guard let group = entry["group"]?.stringValue, let resource = entry["resource"]?.stringValue,
                let object = entry["object"], let name = object["metadata"]?["name"]?.stringValue
            else { throw FormatError.malformed("an object without group, resource or name") }
            let namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
            return (GroupResource(group: group, resource: resource), ObjectKey(namespace: namespace, name: name), object)
        }
    }

    /// A fresh server state holding these objects.
    func restore(
        configuration: KubeSimConfiguration, clock: @escaping @Sendable () -> MicroTime, followUps: FollowUpSignal
    ) -> ServerState {
        var state = ServerState(configuration: configuration, clock: clock, followUps: followUps)
        state.store = ObjectStore(restoring: objects, revision: revision, historyCapacity: configuration.historySize)
        // CRDs first, so their resources are served before anything refers to them.
        let crds = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")
        let ordered = objects.filter { $0.resource == crds } + objects.filter { $0.resource != crds }
        for entry in ordered {
            let event = StoreEvent(
                revision: revision, kind: .added, resource: entry.resource, key: entry.key, object: entry.object,
                previous: nil)
            state.commit(event)
            if entry.resource == GroupResource(group: "", resource: "services") { claimAddresses(of: entry.object, in: &state) }
        }
        return state
    }

    private func claimAddresses(of service: JSONValue, in state: inout ServerState) {
        let spec = service["spec"]
        for ip in spec?["clusterIPs"]?.arrayValue?.compactMap(\.stringValue) ?? [] where ip != "None" {
            for family in state.clusterIPs.families { _ = state.clusterIPs.allocate(family: family, ip: ip) }
        }
        for port in spec?["ports"]?.arrayValue ?? [] {
            if let nodePort = port["nodePort"]?.intValue { state.nodePorts.claim(nodePort) }
        }
    }
}
