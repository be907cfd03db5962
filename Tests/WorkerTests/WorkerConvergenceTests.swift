import KubeModel
import Testing
import VMServiceCore

@testable import Worker

/// DESIGN principle 1: whatever the order and batching of changes, the worker ends where a
/// fresh worker given only the final state ends. Random change sequences (relabel, new
/// address, readiness flip, create, delete), settled at random points, are compared with a
/// from-scratch run on the final state.
@Suite struct WorkerConvergenceTests {
    static let apps = ["a", "b", "c"]

    /// SplitMix64: a seeded generator, so a failing seed replays exactly.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: 0..<5 as Range<UInt64>)
    func randomChangesEndWhereAFreshSnapshotEnds(seed: UInt64) async throws {
        var random = SeededGenerator(state: seed)
        var vms: [String: VMProjection] = [:]
        for index in 0..<9 { vms["vm-\(index)"] = randomVM("vm-\(index)", using: &random) }
        let vmServices = Self.apps.map { Fixture.vmService($0, selector: ["app": $0]) }

        var harness = WorkerHarness()
        try await harness.start(vms: Array(vms.values), vmServices: vmServices)
        await harness.settle()
        for step in 0..<40 {
            let name = "vm-\(Int.random(in: 0..<12, using: &random))"
            if vms[name] != nil, Int.random(in: 0..<5, using: &random) == 0 {
                vms[name] = nil
                await harness.send([.vmDeleted(name: name)])
            } else {
                let vm = randomVM(name, using: &random)
                vms[name] = vm
                await harness.send([.vmUpserted(vm)])
            }
            if Int.random(in: 0..<4, using: &random) == 0 || step == 39 { await harness.settle() }
        }

        var fresh = WorkerHarness()
        try await fresh.start(vms: Array(vms.values), vmServices: vmServices)
        await fresh.settle()
        for app in Self.apps {
            let incremental = await harness.api.object(Endpoints.self, app)?.subsets
            let reference = await fresh.api.object(Endpoints.self, app)?.subsets
            #expect(incremental == reference, "service \(app), seed \(seed)")
        }
    }

    private func randomVM(_ name: String, using random: inout SeededGenerator) -> VMProjection {
        VMProjection(
            namespace: Fixture.namespace, name: name, uid: "uid-\(name)",
            labels: ["app": Self.apps.randomElement(using: &random) ?? "a"],
            primaryIP4: "10.0.\(Int.random(in: 0..<3, using: &random)).\(Int.random(in: 1..<200, using: &random))",
            readyStatus: Bool.random(using: &random) ? "True" : "False", hasReadinessProbe: true)
    }
}
