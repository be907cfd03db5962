import KubeModel

/// The API objects of the fleet, shaped like those of a real vSphere supervisor cluster: a VM
/// of about 3 KB with the labels, annotations, spec and status VM Operator writes, so that the
/// controller decodes, caches and ignores as much as it would in production.
enum FleetObjects {
    static func namespace(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name), "labels": ["bench": "vmsvc"]]]
    }

    static func service(_ service: FleetService) -> JSONValue {
        var spec: JSONObject = [
            "type": service.kind == .loadBalancer ? "LoadBalancer" : "ClusterIP",
            "selector": ["app": .string(service.appLabel), "env": "prod"],
            "ports": [
                ["name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080],
                ["name": "metrics", "protocol": "TCP", "port": 9100, "targetPort": 9100],
            ],
        ]
        if service.kind == .headless { spec["clusterIp"] = "None" }
        return [
            "apiVersion": .string(VirtualMachine.resource.apiVersion), "kind": "VirtualMachineService",
            "metadata": [
                "name": .string(service.name), "namespace": .string(service.namespace),
                "labels": ["app": .string(service.appLabel), "bench": "vmsvc"],
            ],
            "spec": .object(spec),
        ]
    }

    /// The VM without status: a create never carries status into an object with a status
    /// subresource, so `status(_:)` is patched in afterwards, as VM Operator does.
    static func virtualMachine(_ vm: FleetVM) -> JSONValue {
        var spec: JSONObject = [
            "className": "best-effort-medium",
            "imageName": "vmi-0a1b2c3d4e5f60718",
            "storageClass": "vsan-default-storage-policy",
            "powerState": "PoweredOn",
            "minHardwareVersion": 17,
            "network": [
                "interfaces": [["name": "eth0", "network": ["name": "primary", "kind": "SubnetSet"]]]
            ],
            "volumes": [
                ["name": "root", "persistentVolumeClaim": ["claimName": .string("\(vm.name)-root")]],
                ["name": "data", "persistentVolumeClaim": ["claimName": .string("\(vm.name)-data")]],
            ],
            "bootstrap": [
                "cloudInit": ["rawCloudConfig": ["key": "user-data", "name": .string("\(vm.name)-bootstrap")]]
            ],
        ]
        if vm.hasProbe {
            spec["readinessProbe"] = ["tcpSocket": ["port": 8080], "periodSeconds": 10, "timeoutSeconds": 10]
        }
        return [
            "apiVersion": .string(VirtualMachine.resource.apiVersion), "kind": "VirtualMachine",
            "metadata": [
                "name": .string(vm.name), "namespace": .string(vm.namespace),
                "labels": labels(vm),
                "annotations": [
                    "vmoperator.vmware.com/image-supported-check": "enable",
                    "virtualmachine.vmoperator.vmware.com/first-boot-done": "true",
                    "vsphere-cluster-module-group": .string("bench-module-\(vm.app % 4)"),
                    "kubectl.kubernetes.io/last-applied-configuration": .string(lastApplied(vm)),
                ],
            ],
            "spec": .object(spec),
        ]
    }

    static func labels(_ vm: FleetVM) -> JSONValue {
        [
            "app": .string(FleetService(namespace: vm.namespace, app: vm.app).appLabel), "env": "prod",
            "tier": vm.app % 2 == 0 ? "frontend" : "backend", "team": .string("team-\(vm.app % 7)"),
            "topology.kubernetes.io/zone": .string("zone-\(vm.name.utf8.count % 3)"),
            "vmoperator.vmware.com/vm-class": "best-effort-medium",
        ]
    }

    /// The merge patch body of the status subresource: IPs, conditions and what VM Operator
    /// reports besides (interfaces, power state, identifiers, host).
    static func status(_ vm: FleetVM) -> JSONValue {
        [
            "status": [
                "network": [
                    "primaryIP4": .string(vm.ip),
                    "interfaces": [
                        [
                            "name": "eth0",
                            "ip": [
                                "addresses": [["address": .string("\(vm.ip)/16"), "origin": "dhcp", "state": "preferred"]],
                                "macAddr": "00:50:56:9a:12:34",
                            ],
                        ]
                    ],
                ],
                "conditions": conditions(vm),
                "powerState": "PoweredOn",
                "uniqueID": .string("vm-\(vm.namespace)-\(vm.name)"),
                "biosUUID": "4209a3c1-6f0b-5d2e-8c11-0123456789ab",
                "instanceUUID": "5009b4d2-7a1c-4e3f-9d22-0123456789ab",
                "host": "esxi-07.bench.local",
                "zone": "zone-1",
                "hardwareVersion": 19,
            ]
        ]
    }

    /// The three conditions VM Operator maintains; only `Ready` matters to the controller.
    static func conditions(_ vm: FleetVM) -> JSONValue {
        let time: JSONValue = "2026-11-25T12:00:00Z"
        return [
            [
                "type": "Ready", "status": vm.conditionReady ? "True" : "False", "lastTransitionTime": time,
                "reason": vm.conditionReady ? "ProbeSucceeded" : "ProbeFailed", "message": "",
            ],
            [
                "type": "VirtualMachineCreated", "status": "True", "lastTransitionTime": time, "reason": "Created",
                "message": "",
            ],
            [
                "type": "GuestCustomization", "status": "True", "lastTransitionTime": time,
                "reason": "GuestCustomizationSucceeded", "message": "",
            ],
        ]
    }

    /// What `kubectl apply` leaves behind; it makes the object the size of a real one.
    private static func lastApplied(_ vm: FleetVM) -> String {
        """
        {"apiVersion":"vmoperator.vmware.com/v1alpha3","kind":"VirtualMachine","metadata":{"annotations":{},\
        "labels":{"app":"app-\(vm.app)","env":"prod"},"name":"\(vm.name)","namespace":"\(vm.namespace)"},\
        "spec":{"className":"best-effort-medium","imageName":"vmi-0a1b2c3d4e5f60718","powerState":"PoweredOn",\
        "storageClass":"vsan-default-storage-policy","network":{"interfaces":[{"name":"eth0","network":\
        {"name":"primary","kind":"SubnetSet"}}]},"bootstrap":{"cloudInit":{"rawCloudConfig":{"key":"user-data",\
        "name":"\(vm.name)-bootstrap"}}}}}
        """
    }
}
