/// `core/v1.Namespace`, the fields used to scope the operator by namespace labels.
public struct Namespace: KubernetesObject {
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta

    public init(metadata: ObjectMeta) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
    }
}
