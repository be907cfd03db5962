import KubeModel

/// What to do with one child object (Service or Endpoints) of a VirtualMachineService.
public enum WriteDecision<Object: KubernetesObject>: Sendable, Hashable {
    /// No such object yet: create this one.
    case create(Object)
    /// The stored object differs in canonical form from the desired one: patch it.
    case patch(stored: Object, desired: Object)
    /// The stored object already is the desired one: write nothing.
    case unchanged(Object)
    /// A same-name object not controlled by this VirtualMachineService (spec §16.4): leave it.
    case conflict(stored: Object)

    /// The object as it will be once the decision is carried out (nil for a conflict).
    public var desired: Object? {
        switch self {
        case .create(let object), .unchanged(let object), .patch(_, let object): object
        case .conflict: nil
        }
    }

    /// The JSON merge patch body for `.patch`, nil otherwise.
    public func mergePatch() throws -> JSONValue? {
        guard case .patch(let stored, let desired) = self else { return nil }
        return try MergePatch.between(stored, desired)
    }

    /// Decides between create, patch, unchanged and conflict.
    /// - Parameters:
    ///   - build: the desired object, from the stored one (nil when creating).
    ///   - writeNeeded: the kind's canonical comparison (see `CanonicalForm`).
    static func decide(
        stored: Object?, owner: VirtualMachineService, build: (Object?) -> Object,
        writeNeeded: (Object, Object) -> Bool
    ) -> WriteDecision {
        guard let stored else { return .create(build(nil)) }
        guard owner.controls(stored.metadata) else { return .conflict(stored: stored) }
        let desired = build(stored)
        return writeNeeded(stored, desired) ? .patch(stored: stored, desired: desired) : .unchanged(stored)
    }
}
