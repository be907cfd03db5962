/// The VirtualMachine the generator stores and patches: about 3 KB of JSON, shaped like a
/// real VM (labels, annotations, a network, volumes, a readiness probe, bootstrap data).
enum VirtualMachineFixture {
    static let apiPath = "/apis/vmoperator.vmware.com/v1alpha3"

    static func collectionPath(namespace: String) -> String {
        "\(apiPath)/namespaces/\(namespace)/virtualmachines"
    }

    static func body(name: String, namespace: String) -> [UInt8] {
        let volumes = (0..<6).map { index in
            #"{"name":"data-\#(index)","persistentVolumeClaim":{"claimName":"\#(name)-data-\#(index)","readOnly":false}}"#
        }.joined(separator: ",")
        let annotations = (0..<6).map { index in
            #""vmoperator.vmware.com/annotation-\#(index)":"value-\#(index)-\#(name)-0123456789abcdef""#
        }.joined(separator: ",")
        let json = #"""
            {"apiVersion":"vmoperator.vmware.com/v1alpha3","kind":"VirtualMachine",\#
            "metadata":{"name":"\#(name)","namespace":"\#(namespace)",\#
            "labels":{"app":"bench","tier":"backend","topology.kubernetes.io/zone":"zone-a","vmoperator.vmware.com/role":"worker"},\#
            "annotations":{\#(annotations)}},\#
            "spec":{"className":"best-effort-small","imageName":"vmi-0a1b2c3d4e5f67890",\#
            "image":{"kind":"VirtualMachineImage","name":"vmi-0a1b2c3d4e5f67890"},\#
            "storageClass":"wcpglobal-storage-profile","powerState":"PoweredOn","powerOffMode":"TrySoft",\#
            "minHardwareVersion":17,"biosUUID":"42161e4b-3c5d-6e7f-8a9b-0c1d2e3f4a5b",\#
            "instanceUUID":"50161e4b-3c5d-6e7f-8a9b-0c1d2e3f4a5b",\#
            "bootstrap":{"cloudInit":{"rawCloudConfig":{"key":"user-data","name":"\#(name)-cloud-init"}}},\#
            "network":{"interfaces":[{"name":"eth0","network":{"apiVersion":"netoperator.vmware.com/v1alpha1","kind":"Network","name":"primary"}},\#
            {"name":"eth1","network":{"apiVersion":"netoperator.vmware.com/v1alpha1","kind":"Network","name":"secondary"}}]},\#
            "readinessProbe":{"tcpSocket":{"port":22},"timeoutSeconds":10,"periodSeconds":10},\#
            "volumes":[\#(volumes)],\#
            "advanced":{"bootDiskCapacity":"40Gi","defaultVolumeProvisioningMode":"ThinProvision","changeBlockTracking":false}}}
            """#
        return Array(json.utf8)
    }

    /// A merge patch that changes one annotation, as a controller recording progress does.
    static func patch(sequence: Int) -> [UInt8] {
        Array(#"{"metadata":{"annotations":{"bench.vmsvc.io/sequence":"\#(sequence)"}}}"#.utf8)
    }
}
