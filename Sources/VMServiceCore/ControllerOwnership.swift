import KubeModel

/// Who controls a child object. Spec §16.4: a Service or Endpoints is only ever written or
/// deleted when its controller reference carries this VirtualMachineService's UID; there is
/// no adoption, because adopting a same-name object would let a VMService hijack the traffic
/// of a Service someone else owns.
extension VirtualMachineService {
    /// The controller owner reference children carry. `apiVersion` is the version in use.
    func controllerReference(version: APIVersion) -> OwnerReference {
        OwnerReference(
            apiVersion: Self.resource(version: version).apiVersion, kind: Self.resource.kind,
            name: metadata.name ?? "", uid: metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
    }

    /// Whether `child` is controlled by this object (by UID; an object without a UID controls nothing).
    func controls(_ child: ObjectMeta) -> Bool {
        guard let uid = metadata.uid, !uid.isEmpty else { return false }
        return child.controllerReference?.uid == uid
    }
}

extension ObjectMeta {
    /// Puts `reference` in place of any reference to the same owner UID (keeping its position),
    /// or appends it; other owners' references are kept.
    mutating func setControllerReference(_ reference: OwnerReference) {
        var references: [OwnerReference] = []
        var placed = false
        for existing in ownerReferences ?? [] {
            if existing.uid == reference.uid {
                if !placed { references.append(reference) }
                placed = true
            } else {
                references.append(existing)
            }
        }
        if !placed { references.append(reference) }
        ownerReferences = references
    }
}
