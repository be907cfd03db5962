import KubeModel

/// Plays the cloud provider for LoadBalancer Services when kube-sim runs with `--lb-pool`:
/// after `--lb-delay` a Service gets an ingress IP from the pool and a `Ready` condition;
/// the IP returns to the pool when the Service goes or stops being a load balancer.
struct LoadBalancerEmulator: Sendable {
    private var pool: ClusterIPAllocator
    private let family: String
    /// Services waiting for an address, with when they are due (microseconds since 1970).
    private(set) var waiting: [ObjectKey: Int64] = [:]
    let delayMicroseconds: Int64
    /// Which Service holds which address.
    private var assigned: [ObjectKey: String] = [:]

    init?(cidr: String, delayMilliseconds: Int) {
        delayMicroseconds = Int64(delayMilliseconds) * 1000
        guard let network = IPNetwork(cidr: cidr) else { return nil }
        pool = ClusterIPAllocator(ranges: [cidr])
        family = network.isIPv4 ? "IPv4" : "IPv6"
    }

    static func isLoadBalancer(_ service: JSONValue?) -> Bool {
        service?["spec"]?["type"]?.stringValue == "LoadBalancer" && service?.isBeingDeleted == false
    }

    /// Notes what a committed Service change means for the pool.
    mutating func observe(_ event: StoreEvent, now: Int64) {
        let live: JSONValue? = event.kind == .deleted ? nil : event.object
        if Self.isLoadBalancer(live) {
            let hasIngress = !(live?["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? []).isEmpty
            if !hasIngress, assigned[event.key] == nil, waiting[event.key] == nil {
                waiting[event.key] = now + delayMicroseconds
            }
        } else {
            waiting[event.key] = nil
            if let ip = assigned.removeValue(forKey: event.key) { pool.release(ip) }
        }
    }

    /// Takes the Services whose delay is over; the caller provisions each still-eligible one.
    mutating func takeDue(now: Int64) -> [ObjectKey] {
        let due = waiting.filter { $0.value <= now }.map(\.key)
        for key in due { waiting[key] = nil }
        return due
    }

    /// The status of a freshly provisioned load balancer, or nil when the pool is empty.
    mutating func provision(_ key: ObjectKey, now: String) -> JSONValue? {
        guard case .success(let ip) = pool.allocate(family: family, ip: nil) else { return nil }
        assigned[key] = ip
        return [
            "loadBalancer": ["ingress": [["ip": .string(ip), "ipMode": "VIP"]]],
            "conditions": [
                [
                    "type": "Ready", "status": "True", "reason": "LoadBalancerProvisioned",
                    "message": .string("kube-sim assigned \(ip)"), "lastTransitionTime": .string(now),
                ]
            ],
        ]
    }
}

extension ServerState {
    /// Gives every waiting LoadBalancer Service its address.
    mutating func provisionLoadBalancers() {
        guard var emulator = loadBalancers else { return }
        let due = emulator.takeDue(now: clock().microsecondsSince1970)
        loadBalancers = emulator
        let services = BuiltinResources.services
        for key in due {
            let stamp = now.description
            guard var service = store.get(services.groupResource, key), LoadBalancerEmulator.isLoadBalancer(service),
                (service["status"]?["loadBalancer"]?["ingress"]?.arrayValue ?? []).isEmpty,
                let status = loadBalancers?.provision(key, now: stamp)
            else { continue }
            service["status"] = status
            put(services, key, service)
        }
    }
}
