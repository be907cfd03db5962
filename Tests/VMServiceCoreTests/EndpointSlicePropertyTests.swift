import KubeModel
import PropertyBased
import Testing

@testable import VMServiceCore

/// Properties of the slice reconciler over random fleets, capacities and changes.
@Suite struct EndpointSlicePropertyTests {
    static let capacities = Gen.int(in: 1...7)

    /// A cluster synced through a history of fleets (each built from codes, see
    /// `PropertyTests.vm`), so the stored slices carry the layout real churn leaves behind.
    private func cluster(history: [[Int]], capacity: Int, families: [String]) -> SliceCluster {
        var cluster = SliceCluster()
        cluster.options.maxEndpointsPerSlice = capacity
        cluster.families = families
        for codes in history { cluster.sync(PropertyTests.vms(codes)) }
        return cluster
    }

    /// What the slices must hold: the endpoints a fresh pass would publish, per family.
    private func desired(_ vms: [VMProjection], capacity: Int, families: [String]) -> [String: Set<EndpointSliceEndpointKey>] {
        var fresh = SliceCluster()
        fresh.options.maxEndpointsPerSlice = capacity
        fresh.families = families
        fresh.sync(vms)
        return Dictionary(uniqueKeysWithValues: families.map { ($0, Set(fresh.endpoints(family: $0).keys)) })
    }

    @Test func theSlicesAlwaysHoldExactlyTheDesiredEndpoints() async {
        await propertyCheck(input: PropertyTests.codes.array(of: 1...4), Self.capacities, PropertyTests.families) {
            history, capacity, families in
            var cluster = cluster(history: Array(history.dropLast()), capacity: capacity, families: families)
            let vms = PropertyTests.vms(history.last ?? [])
            cluster.sync(vms)
            let expected = desired(vms, capacity: capacity, families: families)
            for family in families {
                #expect(Set(cluster.endpoints(family: family).keys) == expected[family])
            }
            #expect(cluster.endpointCount == expected.values.reduce(0) { $0 + $1.count }, "an endpoint is listed twice")
            for slice in cluster.slices.values {
                #expect((1...capacity).contains(slice.endpoints?.count ?? 0))
                #expect(families.contains(slice.addressType))
                #expect(slice.endpoints?.allSatisfy { $0.addresses.count == 1 } ?? false)
            }
        }
    }

    @Test func aPassAfterTheWritesWritesNothing() async {
        await propertyCheck(input: PropertyTests.codes.array(of: 1...4), Self.capacities, PropertyTests.families) {
            history, capacity, families in
            let cluster = cluster(history: history, capacity: capacity, families: families)
            let vms = PropertyTests.vms(history.last ?? [])
            #expect(cluster.changes(vms).isEmpty)
            #expect(cluster.changes(vms.reversed()).isEmpty)
        }
    }

    /// One VM is added, removed, or changed (readiness, address, deletion) in a converged
    /// cluster: at most one slice per address family is written.
    @Test func oneVMChangeWritesAtMostOneSlicePerFamily() async {
        await propertyCheck(
            input: PropertyTests.codes.array(of: 1...3), Self.capacities, PropertyTests.families, Gen.int(in: 0...1399),
            Gen.int(in: 0...4)
        ) { history, capacity, families, code, kind in
            let cluster = cluster(history: history, capacity: capacity, families: families)
            var vms = PropertyTests.vms(history.last ?? [])
            let changed = PropertyTests.vm(vms.count, code: code, sharedUIDs: false)
            switch kind {
            case 0: vms.append(changed)
            case 1 where !vms.isEmpty: vms.removeLast()
            case 2 where !vms.isEmpty: vms[code % vms.count].readyStatus = code % 2 == 0 ? "True" : "False"
            case 3 where !vms.isEmpty: vms[code % vms.count].primaryIP4 = "10.1.\(code / 250).\(code % 250 + 1)"
            default: if !vms.isEmpty { vms[code % vms.count].isBeingDeleted.toggle() }
            }
            let changes = cluster.changes(vms)
            let written = changes.creates + changes.updates.map(\.desired) + changes.deletes
            for family in families {
                #expect(written.count { $0.addressType == family } <= 1, "\(family): \(changes.writeCount) writes")
            }
        }
    }
}
