import KubeModel
import Testing

@testable import VMServiceCore

/// What a slice holds: labels, owner, address families, endpoints, conditions, ports.
@Suite struct EndpointSliceContentTests {
    @Test func slicesCarryServiceNameManagedByAndTheServiceLabels() throws {
        var cluster = SliceCluster()
        cluster.vmService = Fixture.vmService(labels: ["team": "a"])
        let slice = try #require(cluster.changes(SliceCluster.vms(1)).creates.first)
        let labels = slice.metadata.labels ?? [:]
        #expect(labels[EndpointSlice.serviceNameLabel] == Fixture.name)
        #expect(labels[EndpointSlice.managedByLabel] == "vmsvc.vmware.com")
        #expect(labels["team"] == "a")
        #expect(labels[EndpointSliceConstants.headlessLabel] == nil)
        #expect(slice.metadata.annotations == nil)
    }

    @Test func headlessServiceSlicesCarryTheHeadlessLabel() throws {
        var cluster = SliceCluster()
        cluster.vmService = Fixture.vmService(type: ServiceType.clusterIP) { $0.clusterIP = "None" }
        var service = cluster.service
        service.spec?.clusterIP = "None"
        let result = desiredEndpointSlices(
            for: cluster.vmService, service: service, vms: SliceCluster.vms(1), stored: [], storedEndpoints: nil,
            options: cluster.options)
        let slice = try #require(result?.changes.creates.first)
        #expect(slice.metadata.labels?[EndpointSliceConstants.headlessLabel] == "")
    }

    @Test func newSlicesAreNamedByTheAPIServerAfterTheService() throws {
        let slice = try #require(SliceCluster().changes(SliceCluster.vms(1)).creates.first)
        #expect(slice.metadata.name == nil)
        #expect(slice.metadata.generateName == "\(Fixture.name)-")
        #expect(slice.metadata.namespace == Fixture.namespace)
    }

    @Test func slicesHaveExactlyTheControllerOwnerReference() throws {
        let slice = try #require(SliceCluster().changes(SliceCluster.vms(1)).creates.first)
        #expect(slice.metadata.ownerReferences == [Fixture.ownerReference()])
    }

    @Test func dualStackGivesOneSlicePerAddressFamily() {
        var cluster = SliceCluster()
        cluster.families = [IPFamily.ipv4, IPFamily.ipv6]
        let changes = cluster.changes([
            Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1"), Fixture.vm("v6", ip6: "fd00::2"),
        ])
        let byType = Dictionary(grouping: changes.creates, by: \.addressType)
        #expect(byType[IPFamily.ipv4]?.count == 1)
        #expect(byType[IPFamily.ipv6]?.count == 1)
        #expect(byType[IPFamily.ipv4]?.first?.endpoints?.flatMap(\.addresses) == ["10.0.0.1"])
        #expect(byType[IPFamily.ipv6]?.first?.endpoints?.flatMap(\.addresses) == ["fd00::1", "fd00::2"])
    }

    @Test func addressesOfAFamilyTheServiceLacksAreNotPublished() {
        let changes = SliceCluster().changes([Fixture.vm("v6", ip6: "fd00::2")])
        #expect(changes.isEmpty)
    }

    @Test func noSliceHoldsMoreThanTheMaximum() {
        var cluster = SliceCluster()
        cluster.options.maxEndpointsPerSlice = 100
        let changes = cluster.changes(SliceCluster.vms(250))
        #expect(changes.creates.map { $0.endpoints?.count ?? 0 } == [100, 100, 50])
    }

    @Test func maxEndpointsPerSliceIsClampedToTheAPILimit() {
        #expect(ReconcileOptions(maxEndpointsPerSlice: 5000).maxEndpointsPerSlice == 1000)
        #expect(ReconcileOptions(maxEndpointsPerSlice: 0).maxEndpointsPerSlice == 1)
    }

    @Test func endpointsAreReadyServingAndNotTerminatingForAReadyVM() throws {
        let endpoint = try #require(SliceCluster().changes(SliceCluster.vms(1)).creates.first?.endpoints?.first)
        #expect(endpoint.addresses == ["10.0.0.1"])
        #expect(endpoint.conditions == EndpointSlice.Conditions(ready: true, serving: true, terminating: false))
    }

    @Test func aVMFailingItsProbeIsNeitherReadyNorServing() throws {
        let vms = [Fixture.vm("vm", ip4: "10.0.0.1", ready: "False", probe: true)]
        let endpoint = try #require(SliceCluster().changes(vms).creates.first?.endpoints?.first)
        #expect(endpoint.conditions == EndpointSlice.Conditions(ready: false, serving: false, terminating: false))
    }

    @Test func aVMBeingDeletedIsPublishedTerminatingAndServingAsItsReadinessSays() throws {
        let vms = [
            Fixture.vm("a", ip4: "10.0.0.1", ready: "True", probe: true, deleting: true),
            Fixture.vm("b", ip4: "10.0.0.2", ready: "False", probe: true, deleting: true),
        ]
        let endpoints = try #require(SliceCluster().changes(vms).creates.first?.endpoints)
        #expect(endpoints.map(\.conditions) == [
            EndpointSlice.Conditions(ready: false, serving: true, terminating: true),
            EndpointSlice.Conditions(ready: false, serving: false, terminating: true),
        ])
    }

    @Test func probeWithoutConditionKeepsTheReadinessTheSlicesRecorded() {
        var cluster = SliceCluster()
        cluster.sync([Fixture.vm("vm", ip4: "10.0.0.1", ready: "True", probe: true)])
        cluster.sync([Fixture.vm("vm", ip4: "10.0.0.1", ready: nil, probe: true)])
        #expect(cluster.endpoints().values.first?.conditions?.ready == true)
        var fresh = SliceCluster()
        fresh.sync([Fixture.vm("vm", ip4: "10.0.0.1", ready: nil, probe: true)])
        #expect(fresh.endpoints().values.first?.conditions?.ready == false)
    }

    @Test func targetRefPointsToTheVM() throws {
        let endpoint = try #require(SliceCluster().changes(SliceCluster.vms(1)).creates.first?.endpoints?.first)
        #expect(endpoint.targetRef == ObjectReference(
            apiVersion: VirtualMachine.resource.apiVersion, kind: "VirtualMachine", namespace: Fixture.namespace,
            name: "vm0", uid: "uid-vm0"))
    }

    @Test func portsAreTheServicePortsNumberedByTargetPort() throws {
        var cluster = SliceCluster()
        cluster.vmService = Fixture.vmService(ports: [
            Fixture.port("http", port: 80, targetPort: 8080), Fixture.port("dns", port: 53, targetPort: 5353, protocol: "UDP"),
        ])
        let slice = try #require(cluster.changes(SliceCluster.vms(1)).creates.first)
        #expect(slice.ports == [
            EndpointSlicePort(name: "http", port: 8080, protocol: "TCP"),
            EndpointSlicePort(name: "dns", port: 5353, protocol: "UDP"),
        ])
    }

    @Test func invalidAddressesAreLeftOutAndReported() throws {
        let result = try #require(SliceCluster().result([
            Fixture.vm("loop", ip4: "127.0.0.1"), Fixture.vm("good", ip4: "10.0.0.1"),
        ]))
        #expect(result.changes.creates.flatMap { $0.endpoints ?? [] }.flatMap(\.addresses) == ["10.0.0.1"])
        #expect(result.droppedAddresses.map(\.vmName) == ["loop"])
    }

    @Test func selectorlessVirtualMachineServicesHaveNoManagedSlices() {
        var cluster = SliceCluster()
        cluster.vmService = Fixture.vmService(selector: nil)
        #expect(cluster.result(SliceCluster.vms(3)) == nil)
    }

    @Test func aServiceWithoutEndpointsHasNoSlice() {
        #expect(SliceCluster().changes([]).isEmpty)
    }

    @Test func slicesOfAnotherOwnerAreLeftAlone() {
        var cluster = SliceCluster()
        cluster.sync(SliceCluster.vms(2))
        for name in cluster.slices.keys { cluster.slices[name]?.metadata.ownerReferences?[0].uid = "previous-incarnation" }
        let changes = cluster.changes(SliceCluster.vms(2))
        #expect(changes.touchedNames.isEmpty)
        #expect(changes.creates.count == 1)
    }

    @Test func aSliceOfAFamilyNoLongerServedIsDeleted() {
        var cluster = SliceCluster()
        cluster.families = [IPFamily.ipv4, IPFamily.ipv6]
        cluster.sync([Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1")])
        cluster.families = [IPFamily.ipv4]
        let changes = cluster.changes([Fixture.vm("dual", ip4: "10.0.0.1", ip6: "fd00::1")])
        #expect(changes.deletes.map(\.addressType) == [IPFamily.ipv6])
        #expect(changes.updates.isEmpty && changes.creates.isEmpty)
    }
}

extension EndpointSliceContentTests {
    @Test func aTerminatingVMWithoutConditionKeepsTheServingItWasPublishedWith() {
        var cluster = SliceCluster()
        cluster.sync([Fixture.vm("vm", ip4: "10.0.0.1", ready: "True", probe: true, deleting: true)])
        let vm = Fixture.vm("vm", ip4: "10.0.0.1", ready: nil, probe: true, deleting: true)
        #expect(cluster.changes([vm]).isEmpty)
    }
}
