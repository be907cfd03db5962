import KubeModel

/// A small fleet in one namespace: three VMs labelled `app=web` (no probe; probe and Ready;
/// probe and not Ready) and ClusterIP, LoadBalancer and headless VirtualMachineServices
/// selecting them.
enum Fleet {
    static let namespace = "shop"

    static func vm(_ name: String, ip: String, probe: Bool = false, ready: String? = nil) -> VirtualMachine {
        VirtualMachine(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: ["app": "web"]),
            spec: VirtualMachineSpec(
                readinessProbe: probe ? VirtualMachineReadinessProbe(tcpSocket: TCPSocketAction(port: .int(8080))) : nil
            ),
            status: VirtualMachineStatus(
                network: VirtualMachineNetworkStatus(primaryIP4: ip),
                conditions: ready.map {
                    [
                        Condition(
                            type: "Ready", status: $0, reason: $0, message: "",
                            lastTransitionTime: Time(secondsSince1970: 1_700_000_000))
                    ]
                }))
    }

    static let vms = [
        vm("web-1", ip: "10.0.0.11"),
        vm("web-2", ip: "10.0.0.12", probe: true, ready: "True"),
        vm("web-3", ip: "10.0.0.13", probe: true, ready: "False"),
    ]

    static func vmService(_ name: String, type: String, clusterIP: String? = nil, port: Int32 = 80)
        -> VirtualMachineService
    {
        VirtualMachineService(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: VirtualMachineServiceSpec(
                type: type,
                ports: [VirtualMachineServicePort(name: "http", protocol: "TCP", port: port, targetPort: 8080)],
                selector: ["app": "web"], clusterIP: clusterIP))
    }

    static let vmServices = [
        vmService("web", type: "ClusterIP"),
        vmService("web-lb", type: "LoadBalancer", port: 443),
        vmService("web-headless", type: "ClusterIP", clusterIP: "None"),
    ]
}
