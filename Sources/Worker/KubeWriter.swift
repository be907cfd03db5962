import KubeModel

/// Every API write a worker makes. The engine writes through this protocol so that it can
/// be tested in-process (a fake) and run against a real or simulated API server
/// (`KubeClientWriter`). Each write returns the object as the API server stored it: the
/// worker keeps that copy, which is how a second pass over an unchanged service writes
/// nothing.
public protocol KubeWriter: Sendable {
    func create<Object: KubernetesObject>(_ object: Object) async throws -> Object
    /// A JSON merge patch, of the object or (with `subresource: "status"`) of its status.
    func patch<Object: KubernetesObject>(
        _ type: Object.Type, namespace: String, name: String, mergePatch: JSONValue, subresource: String?
    ) async throws -> Object
    /// Deletes only the object with this UID (a precondition): never someone else's object
    /// that took the name in between. A missing object is not an error.
    func delete<Object: KubernetesObject>(
        _ type: Object.Type, namespace: String, name: String, uid: String) async throws
}
