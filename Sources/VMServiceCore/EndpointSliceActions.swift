import KubeModel

extension EndpointSliceChanges {
    /// The writes, in order: creates, updates (merge patches: the endpoint list is replaced
    /// whole, as an update would replace it, while an unchanged list is not sent), deletes.
    public func actions() throws -> [ReconcileAction] {
        var actions = creates.map(ReconcileAction.createEndpointSlice)
        for update in updates {
            actions.append(
                .patchEndpointSlice(
                    name: update.stored.metadata.name ?? "", patch: try MergePatch.between(update.stored, update.desired),
                    expected: update.desired))
        }
        for slice in deletes {
            actions.append(
                .deleteEndpointSlice(
                    namespace: slice.metadata.namespace ?? "", name: slice.metadata.name ?? "",
                    uid: slice.metadata.uid ?? ""))
        }
        return actions
    }
}
