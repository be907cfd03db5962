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

    /// The reference from an endpoint to this VM.
    func targetReference(apiVersion: String) -> ObjectReference {
        ObjectReference(
            apiVersion: apiVersion, kind: VirtualMachine.resource.kind, namespace: namespace, name: name, uid: uid)
    }
}
