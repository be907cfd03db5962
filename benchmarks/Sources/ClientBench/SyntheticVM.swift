import Foundation

/// VirtualMachine objects as an API server sends them on a watch: about 3 KB of JSON each,
/// with the labels, annotations, probe, network status and conditions a real VM carries
/// (and `managedFields`, which every object from a real server has and the client drops).
struct SyntheticVM: Sendable {
    var namespace: String
    var name: String
    var index: Int
    var resourceVersion = 1
    /// The label the benchmark's services select on; a label move changes it.
    var role: String
    var ready = true
    var ip4: String
    var heartbeat = 0

    init(namespace: String, index: Int, services: Int) {
        self.namespace = namespace
        self.name = "vm-\(index)"
        self.index = index
        self.role = "role-\(index % max(1, services))"
        self.ip4 = "10.\(index / 65536 % 256).\(index / 256 % 256).\(index % 256)"
    }

    /// One watch frame, newline-terminated as the API server writes it.
    func frame(type: String) -> [UInt8] {
        Array("{\"type\":\"\(type)\",\"object\":\(json)}\n".utf8)
    }

    var json: String {
        let uid = String(format: "%08x-0000-4000-8000-%012x", index, index)
        let time = "2026-11-25T10:00:00Z"
        return """
            {"apiVersion":"vmoperator.vmware.com/v1alpha3","kind":"VirtualMachine","metadata":{"name":"\(name)",\
            "namespace":"\(namespace)","uid":"\(uid)","resourceVersion":"\(resourceVersion)","generation":3,\
            "creationTimestamp":"\(time)","labels":{"app":"bench","env":"prod","role":"\(role)",\
            "vmoperator.vmware.com/label-1":"value-1","vmoperator.vmware.com/label-2":"value-2",\
            "vmoperator.vmware.com/label-3":"value-3","vmoperator.vmware.com/label-4":"value-4",\
            "topology.kubernetes.io/zone":"zone-\(index % 3)","vmoperator.vmware.com/paused":"false",\
            "owner":"team-\(index % 7)"},"annotations":{"vmoperator.vmware.com/image-supports-cloudinit":"true",\
            "vmoperator.vmware.com/instance-id":"\(uid)","vmoperator.vmware.com/first-boot-done":"true",\
            "virtualmachine.vmoperator.vmware.com/last-heartbeat":"\(heartbeat)"},\
            "finalizers":["vmoperator.vmware.com/virtualmachine"],\
            "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"vmoperator.vmware.com/v1alpha3",\
            "time":"\(time)","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{},\
            "f:env":{},"f:role":{}}},"f:spec":{".":{},"f:className":{},"f:imageName":{},"f:powerState":{},\
            "f:readinessProbe":{".":{},"f:tcpSocket":{".":{},"f:port":{}}},"f:storageClass":{}}}},\
            {"manager":"vmoperator","operation":"Update","apiVersion":"vmoperator.vmware.com/v1alpha3",\
            "time":"\(time)","fieldsType":"FieldsV1","subresource":"status","fieldsV1":{"f:status":{".":{},\
            "f:conditions":{},"f:network":{".":{},"f:primaryIP4":{}},"f:powerState":{},"f:uniqueID":{}}}}]},\
            "spec":{"className":"best-effort-small","imageName":"ubuntu-24.04-cloudimg","storageClass":"wcp-default",\
            "powerState":"poweredOn","readinessProbe":{"tcpSocket":{"port":8080},"periodSeconds":10},\
            "networkInterfaces":[{"networkName":"primary","networkType":"nsx-t"}],\
            "vmMetadata":{"configMapName":"\(name)-cloud-init","transport":"CloudInit"}},\
            "status":{"powerState":"poweredOn","phase":"Created","host":"esx-\(index % 16).example.com",\
            "uniqueID":"vm-\(100000 + index)","biosUUID":"\(uid)","instanceUUID":"\(uid)",\
            "network":{"primaryIP4":"\(ip4)","interfaces":[{"name":"eth0","ipAddresses":["\(ip4)/24"],\
            "macAddress":"00:50:56:\(String(format: "%02x:%02x:%02x", index / 65536 % 256, index / 256 % 256, index % 256))"}]},\
            "conditions":[{"type":"Ready","status":"\(ready ? "True" : "False")","reason":"\(ready ? "Ready" : "ProbeFailed")",\
            "message":"","lastTransitionTime":"\(time)"},{"type":"VirtualMachinePrereqReady","status":"True",\
            "reason":"","message":"","lastTransitionTime":"\(time)"},{"type":"GuestCustomization","status":"True",\
            "reason":"","message":"","lastTransitionTime":"\(time)"},{"type":"VirtualMachineTools","status":"True",\
            "reason":"","message":"","lastTransitionTime":"\(time)"}],"zone":"zone-\(index % 3)"}}
            """
    }
}
