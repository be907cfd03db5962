/// kube-sim's `GET /admin/requests`: how many requests it answered, by verb, resource,
/// answer code and client (the product token of the User-Agent).
struct RequestCounts: Codable, Sendable {
    var total: Int
    var items: [Item]

    struct Item: Codable, Sendable {
        var verb: String
        var group: String
        var resource: String
        var subresource: String
        var code: Int
        var userAgent: String
        var count: Int
        /// Request-body bytes (nil from a kube-sim that does not count them).
        var bytes: Int?

        var isWrite: Bool { Self.writeVerbs.contains(verb) }
        var resourcePath: String { subresource.isEmpty ? resource : "\(resource)/\(subresource)" }

        static let writeVerbs: Set<String> = ["create", "update", "patch", "delete", "deletecollection"]
    }

    /// The harness writes only VirtualMachines (and, while seeding, namespaces and
    /// VirtualMachineServices, before the counts are reset) and the operator never writes
    /// those, so a VM write is the harness's and every other write is the operator's. All
    /// vmsvc processes share one User-Agent, so the resource is what tells them apart.
    static func isHarnessWrite(_ item: Item) -> Bool {
        item.isWrite && (item.resource == "virtualmachines" || item.resource == "namespaces")
    }

    /// The operator's requests, summarised.
    var operatorSummary: OperatorRequests {
        var summary = OperatorRequests()
        for item in items where !Self.isHarnessWrite(item) {
            summary.byVerb[item.verb, default: 0] += item.count
            if item.isWrite {
                summary.writes += item.count
                summary.bytesWritten += item.bytes ?? 0
                summary.writesByResource[item.resourcePath, default: 0] += item.count
                if !(200..<300).contains(item.code) { summary.failedWrites += item.count }
            } else {
                summary.reads += item.count
            }
        }
        return summary
    }
}

/// The operator's share of kube-sim's request counts for one phase. Reads include the
/// harness's own `verify` runs during the initial sync (lists of the four kinds).
struct OperatorRequests: Codable, Sendable {
    var writes = 0
    /// Request bodies of those writes.
    var bytesWritten = 0
    var failedWrites = 0
    var reads = 0
    var writesByResource: [String: Int] = [:]
    var byVerb: [String: Int] = [:]
}
