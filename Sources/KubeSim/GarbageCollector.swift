import KubeModel

/// Follow-up work the real control plane does in controllers, shortly after a write: the
/// garbage collector (owner references, orphan and foreground deletion), the namespace
/// controller (emptying a terminating namespace) and the CRD finalizer (deleting a removed
/// CRD's objects).
enum CollectionWork: Sendable, Hashable {
    /// An object went away: its dependents may now be orphans.
    case ownerGone(uid: String)
    /// An object with owner references was written while some owner did not exist.
    case checkOwners(OwnerIndex.Location)
    /// An object carries the `orphan` or `foregroundDeletion` finalizer.
    case finalizeOwner(OwnerIndex.Location)
    case emptyNamespace(String)
    case removeCustomResources(crd: String)
    /// Endpoints or their Service changed: the mirrored EndpointSlices follow.
    case mirrorEndpoints(ObjectKey)
}

enum ObjectLifecycle {
    static func scheduleFollowUps(for event: StoreEvent, into pending: inout [CollectionWork], owners: OwnerIndex) {
        let location = OwnerIndex.Location(resource: event.resource, key: event.key)
        let object = event.object
        if event.resource.group.isEmpty, event.resource.resource == "endpoints" || event.resource.resource == "services" {
            pending.append(.mirrorEndpoints(event.key))
        }
        if event.kind == .deleted {
            pending.append(.ownerGone(uid: object.uid))
            for owner in object.ownerUIDs {
                if let ownerLocation = owners.location(of: owner) { pending.append(.finalizeOwner(ownerLocation)) }
            }
            if !event.key.namespace.isEmpty { pending.append(.emptyNamespace(event.key.namespace)) }
            return
        }
        let uids = object.ownerUIDs
        if !uids.isEmpty, uids.contains(where: { owners.location(of: $0) == nil }) {
            pending.append(.checkOwners(location))
        }
        guard object.isBeingDeleted else { return }
        let finalizers = object.finalizers
        if finalizers.contains(ServerState.orphanFinalizer) || finalizers.contains(ServerState.foregroundFinalizer) {
            pending.append(.finalizeOwner(location))
        }
        switch (event.resource.group, event.resource.resource) {
        case ("", "namespaces"): pending.append(.emptyNamespace(event.key.name))
        case ("apiextensions.k8s.io", "customresourcedefinitions"): pending.append(.removeCustomResources(crd: event.key.name))
        default: break
        }
    }
}

extension ServerState {
    /// Runs queued follow-up work until none is left (bounded, in case of a cycle).
    mutating func runCollection() {
        var rounds = 0
        while !pendingCollection.isEmpty, rounds < 10_000 {
            rounds += 1
            let work = pendingCollection
            pendingCollection = []
            for item in Set(work) { perform(item) }
        }
    }

    private mutating func perform(_ work: CollectionWork) {
        switch work {
        case .ownerGone(let uid):
            for dependent in owners.dependents(of: uid) { dropDeadOwners(dependent) }
        case .checkOwners(let location):
            dropDeadOwners(location)
        case .finalizeOwner(let location):
            finalizeOwner(location)
        case .emptyNamespace(let name):
            emptyNamespace(name)
        case .removeCustomResources(let name):
            removeCustomResources(name)
        case .mirrorEndpoints(let key):
            mirrorEndpoints(key)
        }
    }

    /// Deletes a dependent whose owners are all gone; forgets references to the dead ones
    /// when some owner lives.
    private mutating func dropDeadOwners(_ location: OwnerIndex.Location) {
        guard let object = store.get(location.resource, location.key) else { return }
        let uids = object.ownerUIDs
        let alive = uids.filter { owners.location(of: $0) != nil }
        if alive.count == uids.count { return }
        if alive.isEmpty {
            if !object.isBeingDeleted {
                _ = try? delete(location.resource, location.key, options: DeleteOptions(propagation: .background))
            }
        } else {
            removeOwnerReferences(at: location) { !alive.contains($0) }
        }
    }

    private mutating func removeOwnerReferences(at location: OwnerIndex.Location, where dead: (String) -> Bool) {
        guard var object = store.get(location.resource, location.key),
            let type = registry.storageType(location.resource)
        else { return }
        let references = object["metadata"]?["ownerReferences"]?.arrayValue ?? []
        let kept = references.filter { !dead($0["uid"]?.stringValue ?? "") }
        guard kept.count != references.count else { return }
        object.setMetadata("ownerReferences", kept.isEmpty ? nil : .array(kept))
        put(type, location.key, object)
    }

    private mutating func finalizeOwner(_ location: OwnerIndex.Location) {
        guard let object = store.get(location.resource, location.key), object.isBeingDeleted else { return }
        var finalizers = object.finalizers
        let dependents = owners.dependents(of: object.uid)
        if finalizers.contains(Self.orphanFinalizer) {
            for dependent in dependents { removeOwnerReferences(at: dependent) { $0 == object.uid } }
            finalizers.removeAll { $0 == Self.orphanFinalizer }
        }
        if finalizers.contains(Self.foregroundFinalizer) {
            let existing = dependents.filter { store.get($0.resource, $0.key) != nil }
            for dependent in existing {
                if store.get(dependent.resource, dependent.key)?.isBeingDeleted == false {
                    _ = try? delete(dependent.resource, dependent.key, options: DeleteOptions(propagation: .foreground))
                }
            }
            if owners.dependents(of: object.uid).allSatisfy({ store.get($0.resource, $0.key) == nil }) {
                finalizers.removeAll { $0 == Self.foregroundFinalizer }
            }
        }
        guard finalizers != object.finalizers, let current = store.get(location.resource, location.key) else { return }
        removeFinalizers(current, keeping: finalizers, at: location)
    }

    /// Writes the shorter finalizer list; the object goes when the list is empty.
    private mutating func removeFinalizers(_ object: JSONValue, keeping finalizers: [String], at location: OwnerIndex.Location) {
        if finalizers.isEmpty, object.isBeingDeleted, !hasNamespaceFinalizers(object, location) {
            remove(location.resource, location.key)
            return
        }
        guard let type = registry.storageType(location.resource) else { return }
        var updated = object
        updated.setMetadata("finalizers", finalizers.isEmpty ? nil : .array(finalizers.map { .string($0) }))
        put(type, location.key, updated)
    }

    private func hasNamespaceFinalizers(_ object: JSONValue, _ location: OwnerIndex.Location) -> Bool {
        location.resource == GroupResource(group: "", resource: "namespaces")
            && !(object["spec"]?["finalizers"]?.arrayValue ?? []).isEmpty
    }

    /// The namespace controller: delete everything in a terminating namespace, then let the
    /// namespace go.
    private mutating func emptyNamespace(_ name: String) {
        let namespaces = GroupResource(group: "", resource: "namespaces")
        let key = ObjectKey(namespace: "", name: name)
        guard var namespace = store.get(namespaces, key), namespace.isBeingDeleted else { return }
        for resource in store.resources() where resource != namespaces {
            for (objectKey, object) in store.list(resource, namespace: name) where !object.isBeingDeleted {
                _ = try? delete(resource, objectKey, options: DeleteOptions(propagation: .background))
            }
        }
        let left = store.resources().contains { $0 != namespaces && !store.list($0, namespace: name).isEmpty }
        if left { return }
        if !(namespace["spec"]?["finalizers"]?.arrayValue ?? []).isEmpty, let type = registry.storageType(namespaces) {
            namespace["spec"]?["finalizers"] = nil
            namespace = put(type, key, namespace).object
        }
        if namespace.finalizers.isEmpty { remove(namespaces, key) }
    }

    /// The CRD finalizer: delete every object of a deleted CRD, then release the CRD.
    private mutating func removeCustomResources(_ crdName: String) {
        let crds = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")
        let key = ObjectKey(namespace: "", name: crdName)
        guard let crd = store.get(crds, key), crd.isBeingDeleted,
            let group = crd["spec"]?["group"]?.stringValue, let plural = crd["spec"]?["names"]?["plural"]?.stringValue
        else { return }
        let resource = GroupResource(group: group, resource: plural)
        for (objectKey, object) in store.list(resource) where !object.isBeingDeleted {
            _ = try? delete(resource, objectKey, options: DeleteOptions(propagation: .background))
        }
        guard store.count(resource) == 0 else { return }
        let location = OwnerIndex.Location(resource: crds, key: key)
        removeFinalizers(crd, keeping: crd.finalizers.filter { $0 != CRDStrategy.cleanupFinalizer }, at: location)
    }
}
