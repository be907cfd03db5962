import KubeModel

/// kube-controller-manager's EndpointSlice mirroring: the Endpoints of a Service without a
/// selector are mirrored into EndpointSlices (one per subset and address family), which is
/// what kube-proxy and `kubectl describe service` read.
enum EndpointSliceMirroring {
    static let managedBy = "endpointslicemirroring-controller.k8s.io"
    static let serviceNameLabel = "kubernetes.io/service-name"
    static let managedByLabel = "endpointslice.kubernetes.io/managed-by"

    /// The slices an Endpoints object should have (empty when it should have none).
    static func desiredSlices(for endpoints: JSONValue, service: JSONValue?) -> JSONObject {
        guard let service, (service["spec"]?["selector"]?.objectValue ?? [:]).isEmpty,
            endpoints.labels["endpointslice.kubernetes.io/skip-mirror"] != "true"
        else { return [:] }
        var slices: JSONObject = [:]
        var labels = JSONObject(strings: endpoints.labels)
        labels[serviceNameLabel] = .string(endpoints.name)
        labels[managedByLabel] = .string(managedBy)
        let owner: JSONValue = [
            "apiVersion": "v1", "kind": "Endpoints", "name": .string(endpoints.name), "uid": .string(endpoints.uid),
            "controller": true, "blockOwnerDeletion": true,
        ]
        for (index, subset) in (endpoints["subsets"]?.arrayValue ?? []).enumerated() {
            let ready = (subset["addresses"]?.arrayValue ?? []).map { ($0, true) }
            let notReady = (subset["notReadyAddresses"]?.arrayValue ?? []).map { ($0, false) }
            for family in ["IPv4", "IPv6"] {
                let members = (ready + notReady).filter { address, _ in
                    IPAddress(address["ip"]?.stringValue ?? "").map { ($0.isIPv4 ? "IPv4" : "IPv6") == family } ?? false
                }
                guard !members.isEmpty else { continue }
                let name = "\(endpoints.name)-\(family.lowercased())-\(index)"
                slices[name] = [
                    "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                    "metadata": [
                        "name": .string(name), "namespace": .string(endpoints.namespace), "labels": .object(labels),
                        "ownerReferences": [owner],
                    ],
                    "addressType": .string(family),
                    "endpoints": .array(members.map { address, isReady in endpoint(address, ready: isReady) }),
                    "ports": .array((subset["ports"]?.arrayValue ?? []).map { port in
                        var out: JSONObject = ["port": port["port"] ?? .null, "protocol": port["protocol"] ?? "TCP"]
                        out["name"] = port["name"] ?? ""
                        if let appProtocol = port["appProtocol"] { out["appProtocol"] = appProtocol }
                        return .object(out)
                    }),
                ]
            }
        }
        return slices
    }

    private static func endpoint(_ address: JSONValue, ready: Bool) -> JSONValue {
        var out: JSONObject = [
            "addresses": [address["ip"] ?? .null], "conditions": ["ready": .bool(ready)],
        ]
        for field in ["hostname", "nodeName", "targetRef"] { if let value = address[field] { out[field] = value } }
        return .object(out)
    }
}

extension ServerState {
    /// Brings the mirrored slices of one Endpoints (namespace/name) in line with it.
    mutating func mirrorEndpoints(_ key: ObjectKey) {
        let endpoints = store.get(GroupResource(group: "", resource: "endpoints"), key)
        let service = store.get(BuiltinResources.services.groupResource, key)
        let desired = endpoints.map { EndpointSliceMirroring.desiredSlices(for: $0, service: service) } ?? [:]
        guard let sliceType = registry.storageType(GroupResource(group: "discovery.k8s.io", resource: "endpointslices"))
        else { return }
        // Mirrored slices have predictable names, so the stale ones are found without a scan
        // of the namespace (this runs on every Endpoints and Service write).
        for family in ["ipv4", "ipv6"] {
            var index = 0
            while true {
                let sliceKey = ObjectKey(namespace: key.namespace, name: "\(key.name)-\(family)-\(index)")
                guard let slice = store.get(sliceType.groupResource, sliceKey) else { break }
                let mirrored = slice.labels[EndpointSliceMirroring.managedByLabel] == EndpointSliceMirroring.managedBy
                if mirrored, desired[sliceKey.name] == nil { remove(sliceType.groupResource, sliceKey) }
                index += 1
            }
        }
        for (name, slice) in desired.sorted(by: { $0.key < $1.key }) {
            let sliceKey = ObjectKey(namespace: key.namespace, name: name)
            let current = store.get(sliceType.groupResource, sliceKey)
            if let current, Self.sameContent(current, slice) { continue }
            var stored = slice
            stored.setMetadata("uid", current?["metadata"]?["uid"] ?? .string(UUIDGenerator.next()))
            stored.setMetadata(
                "creationTimestamp", current?["metadata"]?["creationTimestamp"] ?? .string(now.description))
            put(sliceType, sliceKey, stored)
        }
    }

    /// Equal but for the system metadata the store adds.
    private static func sameContent(_ stored: JSONValue, _ desired: JSONValue) -> Bool {
        var a = stored
        for field in ["uid", "creationTimestamp", "resourceVersion", "managedFields", "generation"] {
            a.setMetadata(field, nil)
        }
        return a == desired
    }
}
