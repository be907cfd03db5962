import KubeModel

/// Services: defaults, IP families, cluster IPs and node ports on the way in; IPs given back
/// when a Service goes or stops needing them.
enum ServiceStrategy {
    static func prepare(_ service: inout JSONValue, old: JSONValue?, state: inout ServerState) throws {
        let type = BuiltinResources.services
        var spec = service["spec"]?.objectValue ?? [:]
        ServiceDefaulting.applyDefaults(&spec)
        let oldSpec = old?["spec"]?.objectValue
        if let oldSpec { ServiceDefaulting.carryAllocatedValues(&spec, from: oldSpec) }
        if old == nil { service["status"] = ["loadBalancer": [:]] }
        var errors = ServiceDefaulting.initIPFamilies(&spec, old: oldSpec, allocator: state.clusterIPs)
        if let oldSpec {
            errors += immutabilityErrors(spec, oldSpec)
        }
        service["spec"] = .object(spec)
        try ResourceStrategies.check(errors + ServiceValidation.validate(service), service, type)
        let held = Set((oldSpec?["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue))
        switch ServiceDefaulting.allocateClusterIPs(&spec, allocator: &state.clusterIPs, alreadyHeld: held) {
        case .success: break
        case .failure(let failure):
            if let message = failure.internalMessage { throw APIError.internal(message) }
            try ResourceStrategies.check(failure.errors, service, type)
        }
        NodePorts.assign(&spec, allocator: &state.nodePorts)
        service["spec"] = .object(spec)
    }

    private static func immutabilityErrors(_ spec: JSONObject, _ old: JSONObject) -> [FieldError] {
        guard spec["type"]?.stringValue != "ExternalName", old["type"]?.stringValue != "ExternalName" else { return [] }
        let now = spec["clusterIPs"]?.arrayValue?.first
        let before = old["clusterIPs"]?.arrayValue?.first
        if let before, let now, now != before {
            return [.invalid("spec.clusterIPs[0]", now, "may not change once set")]
        }
        return []
    }

    static func afterCommit(_ event: StoreEvent, state: inout ServerState) {
        let held = { (object: JSONValue?) -> Set<String> in
            Set((object?["spec"]?["clusterIPs"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0 != "None" })
        }
        let heldPorts = { (object: JSONValue?) -> Set<Int> in NodePorts.held(object) }
        let now = event.kind == .deleted ? [] : held(event.object)
        for ip in held(event.previous).subtracting(now) { state.clusterIPs.release(ip) }
        let portsNow = event.kind == .deleted ? [] : heldPorts(event.object)
        for port in heldPorts(event.previous).subtracting(portsNow) { state.nodePorts.release(port) }
        state.loadBalancers?.observe(event, now: state.clock().microsecondsSince1970)
    }
}

/// Node ports for NodePort and LoadBalancer Services (30000-32767), sequential.
struct NodePortAllocator: Sendable {
    private var used: Set<Int> = []
    private var next = 30000
    static let range = 30000...32767

    mutating func allocate() -> Int? {
        for step in 0..<Self.range.count {
            let port = Self.range.lowerBound + (next - Self.range.lowerBound + step) % Self.range.count
            if used.insert(port).inserted {
                next = port + 1
                return port
            }
        }
        return nil
    }

    mutating func claim(_ port: Int) { used.insert(port) }
    mutating func release(_ port: Int) { used.remove(port) }
}

enum NodePorts {
    static func assign(_ spec: inout JSONObject, allocator: inout NodePortAllocator) {
        let type = spec["type"]?.stringValue
        guard type == "NodePort" || type == "LoadBalancer", var ports = spec["ports"]?.arrayValue else { return }
        let allocateNew = type == "NodePort" || spec["allocateLoadBalancerNodePorts"]?.boolValue != false
        for i in ports.indices {
            if let port = ports[i]["nodePort"]?.intValue, port != 0 {
                allocator.claim(port)
            } else if allocateNew, let port = allocator.allocate() {
                ports[i]["nodePort"] = .number(Double(port))
            }
        }
        spec["ports"] = .array(ports)
        if type == "LoadBalancer", spec["externalTrafficPolicy"]?.stringValue == "Local",
            (spec["healthCheckNodePort"]?.intValue ?? 0) == 0, let port = allocator.allocate()
        {
            spec["healthCheckNodePort"] = .number(Double(port))
        }
    }

    static func held(_ service: JSONValue?) -> Set<Int> {
        var ports = Set((service?["spec"]?["ports"]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue })
        if let health = service?["spec"]?["healthCheckNodePort"]?.intValue { ports.insert(health) }
        ports.remove(0)
        return ports
    }
}
