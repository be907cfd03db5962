import Foundation
import Testing

@testable import KubeModel

/// Objects as a real API server sends them (fixtures modelled on the Kubernetes documentation
/// and on VM Operator clusters, managedFields and all). Each fixture must decode, encode and
/// decode again to an equal value; what the model encodes must be found, with the same value,
/// in what the server sent; and the values the controller relies on must be there.
@Suite struct ModelRoundTripTests {
    @Test func loadBalancerServiceKeepsItsAddressesPortsAndFamilies() throws {
        let trip = try RoundTrip<Service>(fixture: "service-loadbalancer")
        #expect(trip.original.containsMember("managedFields"), "the fixture must show that managedFields are dropped")
        let service = trip.decoded
        let spec = try #require(service.spec)
        #expect(spec.type == ServiceType.loadBalancer)
        #expect(spec.clusterIP == "10.96.12.34")
        #expect(spec.clusterIPs == ["10.96.12.34", "fd00:10:96::1a2b"])
        #expect(spec.ipFamilies == [IPFamily.ipv4, IPFamily.ipv6])
        #expect(spec.ipFamilyPolicy == IPFamilyPolicy.preferDualStack)
        #expect(spec.ports?.map(\.targetPort) == [.string("http-web"), .int(9376)])
        #expect(spec.ports?.map(\.nodePort) == [31380, 30581])
        #expect(spec.ports?.first?.appProtocol == "http")
        #expect(spec.allocateLoadBalancerNodePorts == true)
        #expect(spec.externalTrafficPolicy == "Cluster")
        let ingress = try #require(service.status?.loadBalancer?.ingress)
        #expect(ingress.first == LoadBalancerIngress(ip: "192.0.2.127", ipMode: "VIP"))
        #expect(ingress.last?.hostname == "my-service.lb.example.com")
        #expect(ingress.last?.ports?.last?.error == "PortUnreachable")
        #expect(service.status?.conditions?.first?.observedGeneration == 2)
        #expect(service.metadata.finalizers == ["service.kubernetes.io/load-balancer-cleanup"])
    }

    @Test func endpointsKeepReadyAndNotReadyAddressesWithTheirTargets() throws {
        let endpoints = try RoundTrip<Endpoints>(fixture: "endpoints").decoded
        let subset = try #require(endpoints.subsets?.first)
        #expect(subset.addresses?.map(\.ip) == ["10.244.1.5", "10.244.2.9"])
        #expect(subset.addresses?.last?.hostname == "myapp-1")
        #expect(subset.addresses?.first?.nodeName == "worker-1")
        #expect(subset.notReadyAddresses?.map(\.ip) == ["10.244.3.14"])
        let target = try #require(subset.notReadyAddresses?.first?.targetRef)
        #expect(target == ObjectReference(
            kind: "Pod", namespace: "default", name: "myapp-6d8f7c9b8-lp8wd",
            uid: "c5a3e7f9-4d6b-4e8c-8a1f-3b5d7c9e1a24", resourceVersion: "348255"))
        #expect(subset.ports == [
            EndpointPort(name: "http", port: 9376, protocol: "TCP", appProtocol: "http"),
            EndpointPort(name: "metrics", port: 9377, protocol: "TCP"),
        ])
        #expect(endpoints.metadata.labels?["service.kubernetes.io/headless"] == "")
    }

    @Test func endpointSliceKeepsConditionsZonesAndOwner() throws {
        let slice = try RoundTrip<EndpointSlice>(fixture: "endpointslice").decoded
        #expect(slice.addressType == "IPv4")
        #expect(slice.endpoints?.map(\.conditions) == [
            EndpointSlice.Conditions(ready: true, serving: true, terminating: false),
            EndpointSlice.Conditions(ready: false, serving: true, terminating: true),
        ])
        #expect(slice.endpoints?.map(\.zone) == ["us-west2-a", "us-west2-b"])
        #expect(slice.endpoints?.last?.hostname == "myapp-2")
        #expect(slice.ports?.last == EndpointSlicePort(name: "", port: 53, protocol: "UDP"))
        #expect(slice.metadata.generateName == "my-service-")
        #expect(slice.metadata.labels?[EndpointSlice.serviceNameLabel] == "my-service")
        #expect(slice.metadata.controllerReference?.kind == "Service")
    }

    @Test func leaseKeepsMicrosecondTimes() throws {
        let lease = try RoundTrip<Lease>(fixture: "lease").decoded
        let spec = try #require(lease.spec)
        #expect(spec.acquireTime == MicroTime(microsecondsSince1970: 1_714_564_800_000_000))
        #expect(spec.renewTime == MicroTime(microsecondsSince1970: 1_714_565_007_412_358))
        #expect(spec.leaseDurationSeconds == 15)
        #expect(spec.leaseTransitions == 3)
        #expect(spec.holderIdentity?.hasPrefix("vmsvc-coordinator-") == true)
    }

    @Test func eventsV1EventKeepsSeriesAndRegardingObject() throws {
        let event = try RoundTrip<Event>(fixture: "event-events-v1").decoded
        #expect(event.eventTime == MicroTime(microsecondsSince1970: 1_714_564_801_234_567))
        let lastObserved = MicroTime(microsecondsSince1970: 1_714_565_101_000_042)
        #expect(event.series == EventSeries(count: 3, lastObservedTime: lastObserved))
        #expect(event.regarding?.kind == "VirtualMachineService")
        #expect(event.regarding?.apiVersion == "vmoperator.vmware.com/v1alpha3")
        #expect(event.reason == "InvalidVirtualMachineService")
        #expect(event.note == #"spec.ports[1].name: Duplicate value: "http""#)
        #expect(event.type == EventType.warning)
        #expect(event.deprecatedCount == 3)
        #expect(event.deprecatedFirstTimestamp == Time(secondsSince1970: 1_714_564_801))
    }

    @Test func coreEventToleratesANullEventTime() throws {
        let event = try RoundTrip<CoreEvent>(fixture: "event-core-v1").decoded
        #expect(event.eventTime == nil)
        #expect(event.involvedObject.name == "web")
        #expect(event.reason == "CreateK8sServiceSuccess")
        #expect(event.source == EventSource(component: "vmoperator-controller-manager", host: "control-plane-1"))
        #expect(event.count == 1)
        #expect(event.firstTimestamp == Time(secondsSince1970: 1_714_564_803))
        #expect(event.type == EventType.normal)
    }

    @Test func invalidStatusKeepsEveryCause() throws {
        let status = try RoundTrip<Status>(fixture: "status-422-invalid").decoded
        #expect(status.code == 422)
        #expect(status.reason == "Invalid")
        #expect(status.details?.kind == "VirtualMachineService")
        #expect(status.details?.causes?.map(\.field) == ["spec.ports[1].name", "spec.ports[0].port"])
        #expect(status.details?.causes?.first?.reason == "FieldValueDuplicate")
    }

    @Test func vmWithTCPProbeKeepsWhatDecidesItsEndpoint() throws {
        let trip = try RoundTrip<VirtualMachine>(fixture: "vm-tcp-probe")
        let vm = trip.decoded
        #expect(vm.metadata.uid == "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")
        #expect(vm.metadata.labels == ["app": "web", "tier": "frontend", "topology.kubernetes.io/zone": "zone-a"])
        let probe = try #require(vm.spec?.readinessProbe)
        #expect(probe == VirtualMachineReadinessProbe(
            tcpSocket: TCPSocketAction(port: 8080), timeoutSeconds: 10, periodSeconds: 10))
        #expect(probe.hasAction)
        let network = VirtualMachineNetworkStatus(primaryIP4: "192.168.128.10", primaryIP6: "fd01:0:106::a")
        #expect(vm.status?.network == network)
        #expect(vm.status?.conditions?.first(ofType: VirtualMachine.readyConditionType)?.status == "True")
        #expect(vm.status?.conditions?.count == 7)
        // The projection: what the controller does not read is not carried.
        #expect(trip.reencoded.value(at: ["status", "network", "interfaces"]) == nil)
        #expect(trip.reencoded.value(at: ["spec", "className"]) == nil)
    }

    @Test func vmWithHeartbeatProbeKeepsItsThresholdAndNotReadyCondition() throws {
        let vm = try RoundTrip<VirtualMachine>(fixture: "vm-heartbeat-probe").decoded
        #expect(vm.spec?.readinessProbe?.guestHeartbeat == GuestHeartbeatAction(thresholdStatus: "yellow"))
        #expect(vm.spec?.readinessProbe?.hasAction == true)
        let ready = try #require(vm.status?.conditions?.first(ofType: VirtualMachine.readyConditionType))
        #expect(ready.status == "False")
        #expect(ready.reason == "NotReady")
        #expect(ready.lastTransitionTime == Time(secondsSince1970: 1_714_564_875))
        #expect(vm.status?.network == VirtualMachineNetworkStatus(primaryIP4: "192.168.128.11"))
    }

    @Test func vmBeingDeletedWithGuestInfoProbeAndNoReadyCondition() throws {
        let vm = try RoundTrip<VirtualMachine>(fixture: "vm-guestinfo-probe").decoded
        #expect(vm.metadata.isBeingDeleted)
        #expect(vm.metadata.deletionGracePeriodSeconds == 0)
        #expect(vm.spec?.readinessProbe?.guestInfo == [
            GuestInfoAction(key: "guestinfo.ready", value: "^(true|yes)$"), GuestInfoAction(key: "guestinfo.role"),
        ])
        #expect(vm.status?.conditions?.first(ofType: VirtualMachine.readyConditionType) == nil)
        #expect(vm.status?.network == VirtualMachineNetworkStatus(primaryIP6: "fd01:0:106::c"))
    }

    @Test func v1alpha3ServiceReadsClusterIpWithALowerCaseP() throws {
        let trip = try RoundTrip<VirtualMachineService>(fixture: "vmservice-v1alpha3")
        let service = trip.decoded
        #expect(service.version == .v1alpha3)
        #expect(service.spec.type == ServiceType.loadBalancer)
        #expect(service.spec.clusterIP == "")
        #expect(trip.reencoded.value(at: ["spec", "clusterIp"]) == "")
        #expect(service.spec.ports == [
            VirtualMachineServicePort(name: "http", protocol: "TCP", port: 80, targetPort: 8080),
            VirtualMachineServicePort(name: "https", protocol: "TCP", port: 443, targetPort: 8443),
        ])
        #expect(service.spec.selector == ["app": "web"])
        #expect(service.spec.loadBalancerIP == "192.0.2.10")
        #expect(service.spec.loadBalancerSourceRanges == ["10.0.0.0/8", "2001:db8::/32"])
        #expect(service.status?.loadBalancer?.ingress == [
            VirtualMachineServiceLoadBalancerIngress(ip: "192.0.2.10"),
            VirtualMachineServiceLoadBalancerIngress(hostname: "web.team-a.lb.example.com"),
        ])
        #expect(service.metadata.annotations?["vmoperator.vmware.com/conversion"] != nil)
        #expect(service.spec.ipFamilies == nil && service.status?.conditions == nil)
    }

    @Test func v1alpha6ServiceKeepsIPFamiliesAndConditions() throws {
        let service = try RoundTrip<VirtualMachineService>(fixture: "vmservice-v1alpha6").decoded
        #expect(service.version == .v1alpha6)
        #expect(service.spec.clusterIP == "None")
        #expect(service.spec.ipFamilies == [IPFamily.ipv6, IPFamily.ipv4])
        #expect(service.spec.ipFamilyPolicy == IPFamilyPolicy.preferDualStack)
        #expect(service.status?.conditions == [Condition(
            type: "VirtualMachineServiceServiceReady", status: "Unknown", reason: "ServiceReadyNotPresent",
            message: "Underlying Service does not have Ready condition",
            lastTransitionTime: Time(secondsSince1970: 1_714_566_001))])
    }

    /// `clusterIP` is the core Service's spelling; on a VirtualMachineService it is not the field.
    @Test func vmServiceIgnoresTheServiceSpellingOfClusterIP() throws {
        let json = #"{"apiVersion":"vmoperator.vmware.com/v1alpha3","spec":{"clusterIP":"10.0.0.1"}}"#
        let service = try JSONDecoder().decode(VirtualMachineService.self, from: Data(json.utf8))
        #expect(service.spec.clusterIP == nil)
    }

    @Test func listPageKeepsItsContinueTokenAndItems() throws {
        let list = try RoundTrip<ObjectList<VirtualMachine>>(fixture: "vm-list-page").decoded
        #expect(list.kind == "VirtualMachineList")
        #expect(list.metadata.continue?.hasPrefix("eyJ2IjoibWV0YS5rOHMuaW8vdjEi") == true)
        #expect(list.metadata.remainingItemCount == 48)
        #expect(list.metadata.resourceVersion == "884400")
        #expect(list.items.map(\.name) == ["web-0", "web-1"])
        let namedPort = TCPSocketAction(port: "http-alt", host: "127.0.0.1")
        #expect(list.items.last?.spec?.readinessProbe?.tcpSocket == namedPort)
    }

    @Test(arguments: [#","items":null"#, ""])
    func listWithoutItemsDecodesAsEmpty(items: String) throws {
        let json = #"{"kind":"EndpointsList","apiVersion":"v1","metadata":{"resourceVersion":"1234"}"# + items + "}"
        let list = try JSONDecoder().decode(ObjectList<Endpoints>.self, from: Data(json.utf8))
        #expect(list.items == [])
        #expect(list.metadata.resourceVersion == "1234")
    }

    /// One JSON document per line, as a watch response streams them; an ERROR frame carries a
    /// Status instead of the watched kind, so the frame type is read before the object.
    @Test func watchStreamFramesDecodeByType() throws {
        let lines = String(decoding: try Fixture.data("watch-virtualmachines", ext: "jsonl"), as: UTF8.self)
            .split(separator: "\n").map { Data($0.utf8) }
        let decoder = JSONDecoder()
        let types = try lines.map { try decoder.decode(WatchEvent<JSONValue>.self, from: $0).type }
        #expect(types == [.added, .modified, .bookmark, .deleted, .error])

        let vms = try lines.prefix(4).map { try decoder.decode(WatchEvent<VirtualMachine>.self, from: $0).object }
        for vm in vms {
            let again = try decoder.decode(VirtualMachine.self, from: JSONEncoder().encode(vm))
            #expect(again == vm)
        }
        #expect(vms[1].status?.conditions?.first(ofType: "Ready")?.status == "False")
        let bookmark = vms[2]
        #expect(bookmark.metadata.resourceVersion == "884401")
        #expect(bookmark.metadata.creationTimestamp == nil)
        #expect(bookmark.metadata.annotations?[initialEventsEndAnnotation] == "true")
        #expect(vms[3].metadata.resourceVersion == "884402")

        let gone = try decoder.decode(WatchEvent<Status>.self, from: lines[4]).object
        #expect(gone.code == 410)
        #expect(gone.reason == "Expired")
    }
}
