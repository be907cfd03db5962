import Coordinator
import KubeClient
import KubeModel

/// Small builders for the objects the coordinator tests feed in.
enum Fixtures {
    static func vm(
        _ namespace: String, _ name: String, labels: [String: String] = ["app": "web"], ip: String = "10.0.0.1",
        resourceVersion: String = "1", annotations: [String: String]? = nil
    ) -> VirtualMachine {
        VirtualMachine(
            metadata: ObjectMeta(
                name: name, namespace: namespace, uid: "uid-\(namespace)-\(name)", resourceVersion: resourceVersion,
                labels: labels, annotations: annotations),
            status: VirtualMachineStatus(network: VirtualMachineNetworkStatus(primaryIP4: ip)))
    }

    static func vmService(_ namespace: String, _ name: String, selector: [String: String] = ["app": "web"])
        -> VirtualMachineService
    {
        VirtualMachineService(
            metadata: ObjectMeta(name: name, namespace: namespace, uid: "uid-vms-\(namespace)-\(name)", resourceVersion: "1"),
            spec: VirtualMachineServiceSpec(
                type: "ClusterIP",
                ports: [VirtualMachineServicePort(name: "http", protocol: "TCP", port: 80, targetPort: 8080)],
                selector: selector))
    }

    static func service(_ namespace: String, _ name: String, ownedBy owner: VirtualMachineService? = nil) -> Service {
        Service(
            metadata: ObjectMeta(
                name: name, namespace: namespace, uid: "uid-svc-\(namespace)-\(name)", resourceVersion: "1",
                labels: ["team": "a"],
                ownerReferences: owner.map {
                    [
                        OwnerReference(
                            apiVersion: VirtualMachineService.resource.apiVersion, kind: "VirtualMachineService",
                            name: $0.name, uid: $0.metadata.uid ?? "", controller: true)
                    ]
                }),
            spec: ServiceSpec())
    }

    static func added<Object: KubernetesObject>(_ object: Object) -> ReflectorEvent<LenientObject<Object>> {
        .added(LenientObject(object))
    }

    static func updated<Object: KubernetesObject>(_ old: Object, _ new: Object) -> ReflectorEvent<LenientObject<Object>> {
        .updated(old: LenientObject(old), new: LenientObject(new))
    }
}
