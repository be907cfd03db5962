import KubeModel

extension VMProjection {
    /// Spec §5.5: no probe → ready; probe and a Ready condition → exactly `True`; probe and no
    /// condition yet → ready only if the stored endpoints listed the VM as ready. Shared by
    /// Endpoints and EndpointSlices, so both publish the same readiness.
    func isReady(previouslyReady: Set<String>) -> Bool {
        guard hasReadinessProbe else { return true }
        guard let readyStatus else { return previouslyReady.contains(uid) }
        return readyStatus == "True"
    }

    /// The VM's addresses of the allowed families that can be endpoints, each with its
    /// family, and those refused by spec §16.7.
    func endpointAddresses(allowedFamilies: some Collection<String>)
        -> (usable: [(ip: String, family: String)], dropped: [DroppedAddress])
    {
        var usable: [(ip: String, family: String)] = []
        var dropped: [DroppedAddress] = []
        for (ip, family) in [(primaryIP4, IPFamily.ipv4), (primaryIP6, IPFamily.ipv6)]
        where !ip.isEmpty && allowedFamilies.contains(family) {
            if let problem = EndpointAddressCheck.problem(with: ip, family: family) {
                dropped.append(DroppedAddress(vmName: name, ip: ip, problem: problem))
            } else {
                usable.append((ip, family))
            }
        }
        return (usable, dropped)
    }

    /// The reference from an endpoint to this VM.
    func targetReference(apiVersion: String) -> ObjectReference {
        ObjectReference(
            apiVersion: apiVersion, kind: VirtualMachine.resource.kind, namespace: namespace, name: name, uid: uid)
    }
}
