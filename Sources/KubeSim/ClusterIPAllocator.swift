import KubeModel

/// Hands out cluster IPs from the service CIDRs (one per family), as kube-apiserver's
/// allocator does: never the network address (nor the broadcast address of an IPv4 range),
/// an explicitly requested IP only once, released when its Service goes.
///
/// Allocation is sequential rather than random so that test runs are reproducible; the
/// first address of each range is left for the `kubernetes` Service, as in a real cluster.
struct ClusterIPAllocator: Sendable {
    struct Range: Sendable {
        var network: IPNetwork
        var allocated: Set<IPAddress> = []
        var next: UInt64 = 2
        /// Usable offsets are 1..<limit.
        var limit: UInt64

        init(_ network: IPNetwork) {
            self.network = network
            // Cap IPv6 ranges: nobody allocates 2^64 services.
            let size = min(network.size, 1 << 20)
            limit = network.isIPv4 && size > 1 ? size - 1 : size
        }
    }

    private(set) var ranges: [String: Range] = [:]
    /// The family of the first CIDR: what a Service without ipFamilies gets.
    let defaultFamily: String

    init(ranges cidrs: [String]) {
        var first: String?
        for cidr in cidrs {
            guard let network = IPNetwork(cidr: cidr) else { continue }
            let family = network.isIPv4 ? "IPv4" : "IPv6"
            if ranges[family] == nil { ranges[family] = Range(network) }
            if first == nil { first = family }
        }
        if ranges.isEmpty, let fallback = IPNetwork(cidr: "10.96.0.0/12") { ranges["IPv4"] = Range(fallback) }
        defaultFamily = first ?? "IPv4"
    }

    var families: Set<String> { Set(ranges.keys) }
    var isDualStack: Bool { ranges.count == 2 }

    func range(of family: String) -> IPNetwork? { ranges[family]?.network }

    enum AllocationError: Error, Equatable {
        case notInRange(String)
        case alreadyAllocated
        case full
    }

    /// Reserves `ip` (checked against the family's range) or, when nil, the next free one.
    mutating func allocate(family: String, ip requested: String?) -> Result<String, AllocationError> {
        guard var range = ranges[family] else { return .failure(.full) }
        defer { ranges[family] = range }
        if let requested, let ip = IPAddress(requested) {
            guard range.network.contains(ip) else { return .failure(.notInRange(range.network.description)) }
            guard range.allocated.insert(ip).inserted else { return .failure(.alreadyAllocated) }
            return .success(ip.description)
        }
        guard range.limit > 1 else { return .failure(.full) }
        let span = range.limit - 1
        for step in 0..<span {
            let offset = 1 + (range.next - 1 + step) % span
            guard let ip = range.network.address(at: offset), !range.allocated.contains(ip) else { continue }
            range.allocated.insert(ip)
            range.next = offset + 1
            return .success(ip.description)
        }
        return .failure(.full)
    }

    mutating func release(_ text: String) {
        guard let ip = IPAddress(text) else { return }
        for family in ranges.keys where ranges[family]?.network.contains(ip) == true {
            ranges[family]?.allocated.remove(ip)
        }
    }
}
