import KubeModel
import Testing

@testable import ReferenceController

@Suite struct EventMappingTests {
    private func vm(_ labels: [String: String], ip: String = "10.0.0.1") -> VirtualMachine {
        var vm = VirtualMachine(metadata: ObjectMeta(name: "vm", namespace: "ns", uid: "u1", labels: labels))
        vm.status = VirtualMachineStatus(network: VirtualMachineNetworkStatus(primaryIP4: ip))
        return vm
    }

    private func service(_ name: String, _ selector: [String: String]?) -> VirtualMachineService {
        VirtualMachineService(
            metadata: ObjectMeta(name: name, namespace: "ns"), spec: VirtualMachineServiceSpec(selector: selector))
    }

    private var services: [VirtualMachineService] {
        [service("web", ["app": "web"]), service("db", ["app": "db"]), service("none", nil), service("empty", [:])]
    }

    @Test func labelMoveEnqueuesOldAndNewServices() {
        let keys = EventMapping.keys(vmChangeFrom: vm(["app": "web"]), to: vm(["app": "db"]), services: services)
        #expect(keys == ["ns/web", "ns/db"])
    }

    @Test func addressChangeEnqueuesServicesOfTheNewLabels() {
        let keys = EventMapping.keys(
            vmChangeFrom: vm(["app": "web"]), to: vm(["app": "web"], ip: "10.0.0.2"), services: services)
        #expect(keys == ["ns/web"])
    }

    @Test func irrelevantUpdateEnqueuesNothing() {
        var new = vm(["app": "web"])
        new.metadata.resourceVersion = "42"
        #expect(EventMapping.keys(vmChangeFrom: vm(["app": "web"]), to: new, services: services).isEmpty)
    }

    @Test func deletionUsesTheLastLabels() {
        #expect(EventMapping.keys(vmChangeFrom: vm(["app": "db"]), to: nil, services: services) == ["ns/db"])
    }

    @Test func selectorlessServicesSelectNothing() {
        #expect(!EventMapping.selects(service("none", nil), ["app": "web"]))
        #expect(!EventMapping.selects(service("empty", [:]), ["app": "web"]))
    }

    @Test func ownerReferencesOfKindVirtualMachineServiceAreEnqueued() {
        let meta = ObjectMeta(
            name: "web", namespace: "ns",
            ownerReferences: [
                OwnerReference(apiVersion: "vmoperator.vmware.com/v1alpha3", kind: "VirtualMachineService", name: "web", uid: "1"),
                OwnerReference(apiVersion: "vmoperator.vmware.com/v1alpha3", kind: "VirtualMachineService", name: "old", uid: "2", controller: false),
                OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "cm", uid: "3"),
            ])
        #expect(EventMapping.ownerKeys(of: meta) == ["ns/web", "ns/old"])
    }
}
