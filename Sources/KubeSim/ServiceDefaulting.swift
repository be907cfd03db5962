import KubeModel

/// What kube-apiserver does to a Service before storing it: the v1 defaults, the IP-family
/// fields (pkg/registry/core/service/storage/alloc.go, `initIPFamilyFields`), cluster IPs and
/// node ports. Works on the JSON so that fields this code does not know survive untouched.
enum ServiceDefaulting {
    static func applyDefaults(_ spec: inout JSONObject) {
        let type = spec["type"]?.stringValue ?? ""
        if type.isEmpty { spec["type"] = "ClusterIP" }
        let serviceType = spec["type"]?.stringValue ?? "ClusterIP"
        if (spec["sessionAffinity"]?.stringValue ?? "").isEmpty { spec["sessionAffinity"] = "None" }
        if spec["sessionAffinity"]?.stringValue == "ClientIP", spec["sessionAffinityConfig"] == nil {
            spec["sessionAffinityConfig"] = ["clientIP": ["timeoutSeconds": 10800]]
        }
        if var ports = spec["ports"]?.arrayValue {
            for i in ports.indices {
                if (ports[i]["protocol"]?.stringValue ?? "").isEmpty { ports[i]["protocol"] = "TCP" }
                let target = ports[i]["targetPort"]
                if target == nil || target == .null || target == .number(0) || target == .string("") {
                    ports[i]["targetPort"] = ports[i]["port"] ?? .null
                }
            }
            spec["ports"] = .array(ports)
        }
        let external = serviceType == "NodePort" || serviceType == "LoadBalancer"
        if external, (spec["externalTrafficPolicy"]?.stringValue ?? "").isEmpty {
            spec["externalTrafficPolicy"] = "Cluster"
        }
        if serviceType != "ExternalName", spec["internalTrafficPolicy"] == nil || spec["internalTrafficPolicy"] == .null {
            spec["internalTrafficPolicy"] = "Cluster"
        }
        if serviceType == "LoadBalancer", spec["allocateLoadBalancerNodePorts"] == nil {
            spec["allocateLoadBalancerNodePorts"] = true
        }
        let clusterIP = spec["clusterIP"]?.stringValue ?? ""
        if (spec["clusterIPs"]?.arrayValue ?? []).isEmpty, !clusterIP.isEmpty {
            spec["clusterIPs"] = [.string(clusterIP)]
        }
    }

    /// On update, fields the server allocated and the client left out are carried over
    /// (`patchAllocatedValues`), so a PUT of a Service without `clusterIP` keeps its IP.
    static func carryAllocatedValues(_ spec: inout JSONObject, from old: JSONObject) {
        let needsClusterIP = { (s: JSONObject) in s["type"]?.stringValue != "ExternalName" }
        if needsClusterIP(spec), needsClusterIP(old) {
            if (spec["clusterIP"]?.stringValue ?? "").isEmpty { spec["clusterIP"] = old["clusterIP"] }
            if (spec["clusterIPs"]?.arrayValue ?? []).isEmpty { spec["clusterIPs"] = old["clusterIPs"] }
        }
        if spec["type"]?.stringValue == old["type"]?.stringValue, var ports = spec["ports"]?.arrayValue {
            let oldPorts = old["ports"]?.arrayValue ?? []
            for i in ports.indices where (ports[i]["nodePort"]?.intValue ?? 0) == 0 {
                if let match = oldPorts.first(where: { $0["port"] == ports[i]["port"] && $0["protocol"] == ports[i]["protocol"] }),
                    let node = match["nodePort"]
                {
                    ports[i]["nodePort"] = node
                }
            }
            spec["ports"] = .array(ports)
        }
        if spec["healthCheckNodePort"] == nil, let old = old["healthCheckNodePort"] { spec["healthCheckNodePort"] = old }
    }

    /// `initIPFamilyFields`: policy and families, including the headless-selectorless special
    /// case that asks for both families even on a single-stack cluster.
    static func initIPFamilies(
        _ spec: inout JSONObject, old: JSONObject?, allocator: ClusterIPAllocator
    ) -> [FieldError] {
        if spec["type"]?.stringValue == "ExternalName" { return [] }
        let headlessSelectorless =
            spec["clusterIP"]?.stringValue == "None" && (spec["selector"]?.objectValue ?? [:]).isEmpty
        if spec["ipFamilyPolicy"]?.stringValue == nil {
            if let oldPolicy = old?["ipFamilyPolicy"], oldPolicy.stringValue != nil {
                spec["ipFamilyPolicy"] = oldPolicy
            } else {
                spec["ipFamilyPolicy"] = headlessSelectorless ? "RequireDualStack" : "SingleStack"
            }
        }
        let policy = spec["ipFamilyPolicy"]?.stringValue ?? "SingleStack"
        var families = (spec["ipFamilies"]?.arrayValue ?? []).compactMap(\.stringValue)
        let clusterIPs = (spec["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        var errors: [FieldError] = []
        if policy == "SingleStack" {
            if clusterIPs.count == 2 {
                errors.append(.invalid("spec.ipFamilyPolicy", .string(policy),
                    "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"))
            }
            if families.count == 2 {
                errors.append(.invalid("spec.ipFamilyPolicy", .string(policy),
                    "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"))
            }
        }
        for (i, ip) in clusterIPs.enumerated() where ip != "None" && i >= families.count {
            guard let parsed = IPAddress(ip) else { break }
            let family = parsed.isIPv4 ? "IPv4" : "IPv6"
            if allocator.families.contains(family) {
                families.append(family)
            } else {
                errors.append(.invalid("spec.clusterIPs[\(i)]", .array(clusterIPs.map { .string($0) }),
                    "\(family) is not configured on this cluster"))
            }
        }
        guard errors.isEmpty else { return errors }
        if headlessSelectorless {
            if families.isEmpty { families = [allocator.defaultFamily] }
            if families.count < 2, policy != "SingleStack" { families.append(other(families[0])) }
            spec["ipFamilies"] = .array(families.map { .string($0) })
            return []
        }
        if policy == "RequireDualStack", !allocator.isDualStack {
            errors.append(.invalid("spec.ipFamilyPolicy", .string(policy),
                "this cluster is not configured for dual-stack services"))
        }
        for (i, family) in families.enumerated() where !allocator.families.contains(family) {
            errors.append(.invalid("spec.ipFamilies[\(i)]", .string(family), "not configured on this cluster"))
        }
        guard errors.isEmpty else { return errors }
        if families.isEmpty { families = [allocator.defaultFamily] }
        if policy != "SingleStack", families.count == 1, allocator.isDualStack { families.append(other(families[0])) }
        spec["ipFamilies"] = .array(families.map { .string($0) })
        return []
    }

    private static func other(_ family: String) -> String { family == "IPv4" ? "IPv6" : "IPv4" }

    /// Fills `clusterIP`/`clusterIPs` for each family still missing an IP. Returns the IPs it
    /// took (to give back if validation then fails) or the errors.
    static func allocateClusterIPs(
        _ spec: inout JSONObject, allocator: inout ClusterIPAllocator, alreadyHeld: Set<String>
    ) -> Result<[String], APIErrorList> {
        if spec["type"]?.stringValue == "ExternalName" { return .success([]) }
        var clusterIPs = (spec["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue)
        if clusterIPs.first == "None" { return .success([]) }
        let families = (spec["ipFamilies"]?.arrayValue ?? []).compactMap(\.stringValue)
        var taken: [String] = []
        for (i, family) in families.enumerated() {
            if i >= clusterIPs.count { clusterIPs.append("") }
            let wanted = clusterIPs[i]
            if !wanted.isEmpty, alreadyHeld.contains(wanted) { continue }
            switch allocator.allocate(family: family, ip: wanted.isEmpty ? nil : wanted) {
            case .success(let ip):
                clusterIPs[i] = ip
                taken.append(ip)
            case .failure(let failure):
                for ip in taken { allocator.release(ip) }
                let reason: String
                switch failure {
                case .notInRange(let cidr):
                    reason = "provided IP is not in the valid range. The range of valid IPs is \(cidr)"
                case .alreadyAllocated: reason = "provided IP is already allocated"
                case .full: return .failure(APIErrorList(internalMessage: "failed to allocate a serviceIP: range is full"))
                }
                return .failure(APIErrorList(errors: [
                    .invalid("spec.clusterIPs", .array(clusterIPs.map { .string($0) }),
                        "failed to allocate IP \(wanted): \(reason)")
                ]))
            }
        }
        spec["clusterIPs"] = .array(clusterIPs.map { .string($0) })
        if let first = clusterIPs.first { spec["clusterIP"] = .string(first) }
        return .success(taken)
    }
}

/// Field errors, or an internal failure, from a step that can fail either way.
struct APIErrorList: Error {
    var errors: [FieldError] = []
    var internalMessage: String?
}
