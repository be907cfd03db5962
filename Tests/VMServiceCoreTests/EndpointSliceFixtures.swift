import KubeModel

@testable import VMServiceCore

/// The slices of one VirtualMachineService as an API server would hold them, and the
/// `desiredEndpointSlices` pass over them: what the slice tests build on.
struct SliceCluster {
    var vmService = Fixture.vmService()
    var families: [String] = [IPFamily.ipv4]
    var options = ReconcileOptions(endpointsMode: .endpointslices, maxEndpointsPerSlice: 3)
    var slices: [String: EndpointSlice] = [:]
    var storedEndpoints: Endpoints?
    private var created = 0

    var service: Service { Fixture.storedService(for: vmService, families: families) }

    func result(_ vms: [VMProjection]) -> EndpointSliceResult? {
        desiredEndpointSlices(
            for: vmService, service: service, vms: vms, stored: slices.values.sorted { $0.name < $1.name },
            storedEndpoints: storedEndpoints, options: options)
    }

    func changes(_ vms: [VMProjection]) -> EndpointSliceChanges {
        result(vms)?.changes ?? EndpointSliceChanges()
    }

    /// Carries out `changes` as the API server would (names from `generateName`).
    mutating func apply(_ changes: EndpointSliceChanges) {
        for var slice in changes.creates {
            created += 1
            slice.metadata.name = "\(slice.metadata.generateName ?? "")\(created)"
            slice.metadata.uid = "slice-uid-\(created)"
            slices[slice.name] = slice
        }
        for update in changes.updates { slices[update.stored.name] = update.desired }
        for slice in changes.deletes { slices[slice.name] = nil }
    }

    /// One pass, applied; returns its writes.
    @discardableResult
    mutating func sync(_ vms: [VMProjection]) -> EndpointSliceChanges {
        let changes = changes(vms)
        apply(changes)
        return changes
    }

    /// Every endpoint of every slice of `family`, by key.
    func endpoints(family: String = IPFamily.ipv4) -> [EndpointSliceEndpointKey: EndpointSlice.Endpoint] {
        var all: [EndpointSliceEndpointKey: EndpointSlice.Endpoint] = [:]
        for slice in slices.values where slice.addressType == family {
            for endpoint in slice.endpoints ?? [] { all[EndpointSliceEndpointKey(endpoint)] = endpoint }
        }
        return all
    }

    var endpointCount: Int { slices.values.reduce(0) { $0 + ($1.endpoints?.count ?? 0) } }

    /// `count` matching VMs `vm0`… with addresses 10.0.<i/250>.<i%250+1>.
    static func vms(_ count: Int, ready: String? = nil, probe: Bool = false) -> [VMProjection] {
        (0..<count).map { Fixture.vm("vm\($0)", ip4: ip(for: $0), ready: ready, probe: probe) }
    }

    static func ip(for index: Int) -> String { "10.0.\(index / 250).\(index % 250 + 1)" }
}

extension EndpointSliceChanges {
    /// Names of the stored slices written (updated or deleted).
    var touchedNames: [String] { updates.map(\.stored.name) + deletes.map(\.name) }
}
