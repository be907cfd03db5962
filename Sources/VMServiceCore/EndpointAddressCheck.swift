import KubeModel

/// A VM address left out of the Endpoints, and why (spec §16.7). The API server rejects an
/// Endpoints object holding any such address as a whole, so one bad VM would otherwise block
/// every endpoint of its service.
public struct DroppedAddress: Sendable, Hashable {
    public var vmName: String
    public var ip: String
    /// What is wrong with it, e.g. `loopback address`.
    public var problem: String

    public init(vmName: String, ip: String, problem: String) {
        self.vmName = vmName
        self.ip = ip
        self.problem = problem
    }

    /// The message of the Warning Event on the VirtualMachineService.
    public var message: String {
        "address \"\(ip)\" of VirtualMachine \(vmName) left out of the Endpoints: \(problem)"
    }
}

enum EndpointAddressCheck {
    /// Why `text`, read from a VM field of the given family, cannot be an endpoint; nil if it can.
    static func problem(with text: String, family: String) -> String? {
        guard let address = IPAddress(text) else { return "not a valid IP address" }
        if address.isIPv4 != (family == IPFamily.ipv4) { return "not an \(family) address" }
        if address.isUnspecified { return "unspecified address" }
        if address.isLoopback { return "loopback address" }
        if address.isLinkLocalUnicast || address.isLinkLocalMulticast { return "link-local address" }
        if address.isMulticast { return "multicast address" }
        return nil
    }
}
