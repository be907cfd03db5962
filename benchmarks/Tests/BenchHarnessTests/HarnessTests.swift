import BenchmarkFixtures
import Foundation
import KubeModel
import Testing

@testable import vmsvc_bench

@Suite struct ProcessStatsParsing {
    @Test func cpuSecondsCountFieldsAfterTheCommandName() throws {
        // comm contains a space and a parenthesis; utime=250, stime=50 ticks.
        let stat = "4242 (vmsvc (w) 1) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 9 0 100 0 0"
        let seconds = try #require(ProcessStats.cpuSeconds(stat: stat))
        #expect(seconds == 300 / Double(sysconf(Int32(_SC_CLK_TCK))))
    }

    @Test func peakRSSIsVmHWMInBytes() {
        let status = "Name:\tvmsvc\nVmPeak:\t  999 kB\nVmHWM:\t   2048 kB\nVmRSS:\t 1024 kB\n"
        #expect(ProcessStats.peakRSS(status: status) == 2048 * 1024)
    }
}

@Suite struct ChurnMixParsing {
    @Test func fourPercentagesInKindOrder() throws {
        let mix = try #require(ChurnMix(argument: "70,20,5,5"))
        #expect(mix.weights[.readinessFlip] == 70)
        #expect(mix.weights[.createDelete] == 5)
        #expect(mix.description == "70,20,5,5")
    }

    @Test func rejectsTheWrongNumberOfWeights() {
        #expect(ChurnMix(argument: "60,40") == nil)
        #expect(ChurnMix(argument: "0,0,0,0") == nil)
    }
}

@Suite struct FleetModelShape {
    @Test func everyServiceSelectsVMsPerServiceVMs() {
        let fleet = FleetModel(shape: FleetShape(namespaces: 2, vms: 40, services: 8))
        let perService = Dictionary(grouping: fleet.vms, by: \.service).mapValues(\.count)
        #expect(perService.count == 8)
        #expect(perService.values.allSatisfy { $0 == 5 })
        #expect(Set(fleet.vms.map(\.ip)).count == 40)
    }

    @Test func removalKeepsPositionsConsistent() throws {
        var fleet = FleetModel(shape: FleetShape(namespaces: 1, vms: 5, services: 1))
        let last = fleet[4].key
        fleet.remove(at: 1)
        #expect(fleet.count == 4)
        let moved = try #require(fleet.position(of: last))
        #expect(fleet[moved].key == last)
    }

    @Test func ipChangeExpectsTheOldAddressGoneAndTheNewOneListed() throws {
        var fleet = FleetModel(shape: FleetShape(namespaces: 1, vms: 10, services: 2))
        var rng = SplitMix64(seed: 7)
        let change = try #require(fleet.plan(.ipChange, busy: BusyVMs(), createNext: true, using: &rng))
        let before = try #require(change.before)
        let after = try #require(change.after)
        #expect(before.ip != after.ip)
        let states = Dictionary(uniqueKeysWithValues: change.expectations.map { ($0.ip, $0.state) })
        #expect(states[before.ip] == .absent)
        #expect(states[after.ip] == after.addressState)
    }

    @Test func aClaimedVMIsNotDrawnAgain() {
        var fleet = FleetModel(shape: FleetShape(namespaces: 1, vms: 1, services: 1))
        var rng = SplitMix64(seed: 1)
        let busy = BusyVMs()
        #expect(fleet.plan(.ipChange, busy: busy, createNext: true, using: &rng) != nil)
        #expect(fleet.plan(.ipChange, busy: busy, createNext: true, using: &rng) == nil)
    }
}

@Suite struct PropagationTracking {
    /// What the harness's Endpoints watch makes of a service's Endpoints object.
    private func addresses(_ service: ServiceKey, ready: [String], notReady: [String] = []) -> EndpointAddresses {
        EndpointAddresses(
            Endpoints(
                metadata: ObjectMeta(name: service.name, namespace: service.namespace),
                subsets: [
                    EndpointSubset(
                        addresses: ready.map { EndpointAddress(ip: $0) },
                        notReadyAddresses: notReady.map { EndpointAddress(ip: $0) })
                ]))
    }

    @Test func aChangeSettlesWhenEveryExpectationHolds() async {
        let settled = BusyVMs()
        let vm = VMKey(namespace: "n", name: "vm-0")
        _ = settled.claim(vm)
        let tracker = PropagationTracker(onSettled: { settled.release($0) })
        let a = ServiceKey(namespace: "n", name: "svc-0")
        let b = ServiceKey(namespace: "n", name: "svc-1")
        let sent = ContinuousClock.now
        _ = await tracker.register(
            vm: vm, expectations: [.init(service: a, ip: "10.0.0.1", state: .absent), .init(service: b, ip: "10.0.0.1", state: .ready)],
            sentAt: sent)
        await tracker.observe(b, addresses(b, ready: ["10.0.0.1"]), at: sent + .milliseconds(5))
        // Still listed in svc-0 as far as the tracker knows? svc-0 was never seen, so it is absent.
        #expect(await tracker.pendingCount == 0)
        #expect(settled.claim(vm))
        #expect(await tracker.takeLatencies().count == 1)
    }

    @Test func aNotReadyAddressDoesNotSatisfyReady() async {
        let tracker = PropagationTracker(onSettled: { _ in })
        let a = ServiceKey(namespace: "n", name: "svc-0")
        _ = await tracker.register(
            vm: VMKey(namespace: "n", name: "vm-0"), expectations: [.init(service: a, ip: "10.0.0.1", state: .ready)],
            sentAt: .now)
        await tracker.observe(a, addresses(a, ready: [], notReady: ["10.0.0.1"]), at: .now)
        #expect(await tracker.pendingCount == 1)
        await tracker.observe(a, addresses(a, ready: ["10.0.0.1"]), at: .now)
        #expect(await tracker.pendingCount == 0)
    }
}
