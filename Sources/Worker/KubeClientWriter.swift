import KubeClient
import KubeModel

/// `KubeWriter` over the libcurl `KubeClient`, which brings the token bucket, the cap on
/// requests in flight and the retries of transient failures.
///
/// VirtualMachineServices are written at the API version the controller was configured
/// with (spec §16.1), not at the model's default.
public struct KubeClientWriter: KubeWriter {
    public let client: KubeClient
    public let vmServiceVersion: VirtualMachineService.APIVersion
    public let fieldManager: String

    public init(
        client: KubeClient, vmServiceVersion: VirtualMachineService.APIVersion = VirtualMachineService.defaultVersion,
        fieldManager: String = "virtualmachineservice-controller"
    ) {
        self.client = client
        self.vmServiceVersion = vmServiceVersion
        self.fieldManager = fieldManager
    }

    public func create<Object: KubernetesObject>(_ object: Object) async throws -> Object {
        try await client.create(
            object, in: resource(Object.self), namespace: object.metadata.namespace, fieldManager: fieldManager)
    }

    public func patch<Object: KubernetesObject>(
        _ type: Object.Type, namespace: String, name: String, mergePatch: JSONValue, subresource: String?
    ) async throws -> Object {
        try await client.patch(
            resource(Object.self), name: name, namespace: namespace, patch: .merge(mergePatch),
            subresource: subresource, as: Object.self)
    }

    public func delete<Object: KubernetesObject>(
        _ type: Object.Type, namespace: String, name: String, uid: String
    ) async throws {
        do {
            try await client.delete(
                resource(Object.self), name: name, namespace: namespace,
                options: DeleteOptions(preconditions: .init(uid: uid.isEmpty ? nil : uid)))
        } catch KubeAPIError.notFound {
            return
        }
    }

    private func resource<Object: KubernetesObject>(_ type: Object.Type) -> ResourceDescriptor {
        type == VirtualMachineService.self ? VirtualMachineService.resource(version: vmServiceVersion) : Object.resource
    }
}
