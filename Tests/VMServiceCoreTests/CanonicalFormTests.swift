import KubeModel
import Testing

@testable import VMServiceCore

/// Spec §16.9: "is a write needed?" in canonical form, so the answer never flaps.
@Suite struct CanonicalFormTests {
    private let address1 = EndpointAddress(ip: "10.0.0.1", targetRef: ObjectReference(uid: "a"))
    private let address2 = EndpointAddress(ip: "10.0.0.2", targetRef: ObjectReference(uid: "b"))

    private func endpoints(_ subsets: [EndpointSubset]?, labels: [String: String]? = nil) -> Endpoints {
        Endpoints(metadata: ObjectMeta(name: "e", labels: labels), subsets: subsets)
    }

    @Test func emptyAndAbsentEndpointsFieldsAreTheSame() {
        #expect(!CanonicalForm.needsWrite(stored: endpoints([], labels: [:]), desired: endpoints(nil)))
        let empty = EndpointSubset(addresses: [], notReadyAddresses: [], ports: [])
        #expect(!CanonicalForm.needsWrite(stored: endpoints([empty]), desired: endpoints(nil)))
    }

    @Test func addressAndPortOrderDoNotMatter() {
        let ports = [EndpointPort(name: "a", port: 1), EndpointPort(name: "b", port: 2)]
        let stored = endpoints([EndpointSubset(addresses: [address2, address1], ports: ports.reversed())])
        let desired = endpoints([EndpointSubset(addresses: [address1, address2], ports: ports)])
        #expect(!CanonicalForm.needsWrite(stored: stored, desired: desired))
    }

    @Test func readinessChangeIsAWrite() {
        let stored = endpoints([EndpointSubset(addresses: [address1])])
        let desired = endpoints([EndpointSubset(notReadyAddresses: [address1])])
        #expect(CanonicalForm.needsWrite(stored: stored, desired: desired))
    }

    @Test func emptyAndAbsentServiceFieldsAreTheSame() {
        let stored = Service(
            metadata: ObjectMeta(name: "s", annotations: [:]),
            spec: ServiceSpec(
                ports: [ServicePort(name: "p", port: 80, nodePort: 0)], externalName: "", loadBalancerIP: "",
                loadBalancerSourceRanges: []))
        let desired = Service(metadata: ObjectMeta(name: "s"), spec: ServiceSpec(ports: [ServicePort(name: "p", port: 80)]))
        #expect(!CanonicalForm.needsWrite(stored: stored, desired: desired))
    }

    @Test func sourceRangeOrderIsAWriteBecauseTheAPIKeepsIt() {
        let stored = Service(metadata: ObjectMeta(), spec: ServiceSpec(loadBalancerSourceRanges: ["a", "b"]))
        let desired = Service(metadata: ObjectMeta(), spec: ServiceSpec(loadBalancerSourceRanges: ["b", "a"]))
        #expect(CanonicalForm.needsWrite(stored: stored, desired: desired))
    }

    @Test func emptyStatusIsNoStatus() {
        let empty = VirtualMachineServiceStatus(loadBalancer: .init(ingress: []), conditions: [])
        #expect(!CanonicalForm.needsWrite(stored: nil, desired: empty))
    }

    @Test func conditionOrderDoesNotMatter() {
        let a = Condition(type: "A", status: "True")
        let b = Condition(type: "B", status: "True")
        let stored = VirtualMachineServiceStatus(conditions: [a, b])
        let desired = VirtualMachineServiceStatus(conditions: [b, a])
        #expect(!CanonicalForm.needsWrite(stored: stored, desired: desired))
    }

    @Test func finalizerOrderDoesNotMatter() {
        let stored = ObjectMeta(finalizers: ["a", "b"])
        #expect(!CanonicalForm.needsWrite(stored: stored, desired: ObjectMeta(finalizers: ["b", "a"])))
        #expect(CanonicalForm.needsWrite(stored: stored, desired: ObjectMeta(finalizers: ["a"])))
    }
}
